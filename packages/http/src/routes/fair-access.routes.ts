import type { QueueView, UseCases } from '@livedrops/core';
import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import { IdParams, iso, Timestamp } from '../schemas/common.schema.js';

const QueueJson = z
  .object({
    state: z.enum(['waiting', 'admitted', 'closed']),
    position: z
      .int()
      .nullable()
      .meta({
        description:
          "1-based place in line; null before the start (pre-queue), in the start's first seconds until the " +
          'line is placed (the place then arrives as `queue.position`), and once out of the line.',
      }),
    etaSeconds: z
      .int()
      .nullable()
      .meta({ description: 'Estimated wait at the recent admission pace; null while unknown.' }),
    pass: z
      .string()
      .optional()
      .meta({ description: 'Admitted: the pass to put in `POST /v1/orders` (one order, this drop, you).' }),
    passExpiresAt: Timestamp.optional(),
  })
  .meta({ id: 'QueuePlace', description: "Where you stand in a drop's waiting room." });

function queueJson(v: QueueView): z.infer<typeof QueueJson> {
  const pass = v.pass && v.passExpiresAt !== null ? { pass: v.pass, passExpiresAt: iso(v.passExpiresAt) } : {};
  return { state: v.state, position: v.position, etaSeconds: v.etaSeconds, ...pass };
}

const EntryJson = z
  .object({ entryId: z.string(), enteredAt: Timestamp })
  .meta({ id: 'DrawEntry', description: "The user's one entry in a draw." });

/** Fair access (api.md 1.1): entering draws, joining waiting rooms. */
export function fairAccessRoutes(uc: UseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/drops/{id}/entries',
      operationId: 'enterDraw',
      tag: 'Fair access',
      summary: 'Enter a draw (one entry per user)',
      description:
        'Between `entriesOpenAt` and `entriesCloseAt`. 201 the first time, 200 with the same entry after ' +
        '(also once closed). At the close winners are drawn: `draw.won` (with a hold on pay drops) or ' +
        "`draw.lost`; a winner's lapsed hold passes to the next entrant in the drawn order. Outside the " +
        'window (or a cancelled drop) → 409 entries_closed; a drop that is not a draw → 404; followers-first ' +
        'drops → 403 not_eligible for users who followed the creator after its creation.',
      auth: true,
      params: IdParams,
      responses: {
        201: { description: 'Entered.', schema: EntryJson },
        200: { description: 'Already entered.', schema: EntryJson },
      },
      errors: ['not_found', 'entries_closed', 'not_eligible'],
      async handle({ params, user }) {
        const { entry, created } = await uc.enterDraw.execute(user, params.id);
        return { status: created ? 201 : 200, body: { entryId: entry.id, enteredAt: iso(entry.enteredAt) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/drops/{id}/queue',
      operationId: 'joinQueue',
      tag: 'Fair access',
      summary: "Join a drop's waiting room",
      description:
        'Users who join before `startsAt` are shuffled at the start; later ones line up behind them in ' +
        'arrival order. Admission is paced against the stock (never more passes in play than `available` ' +
        'plus units of holds that may still expire); `queue.position`, `queue.admitted` (with the pass) ' +
        'and `queue.closed` (sold out) arrive on your stream. 201 the first time, 200 with your place after. ' +
        'Ended, cancelled or sold out with nothing held → 409 entries_closed (an instance behind on its ' +
        'requests may let a join within 100 ms of the close in and close it out with `queue.closed`); ' +
        'not a waiting-room drop → 404.',
      auth: true,
      params: IdParams,
      responses: {
        201: { description: 'In line.', schema: QueueJson },
        200: { description: 'Already in line: your place now.', schema: QueueJson },
      },
      errors: ['not_found', 'entries_closed', 'not_eligible'],
      async handle({ params, user }) {
        const { view, created } = await uc.queues.join(user, params.id);
        return { status: created ? 201 : 200, body: queueJson(view) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/drops/{id}/queue',
      operationId: 'getQueuePlace',
      tag: 'Fair access',
      summary: "Your place in a drop's waiting room",
      description: 'Not in line (or not a waiting-room drop) → 404.',
      auth: true,
      params: IdParams,
      responses: { 200: { description: 'Your place now.', schema: QueueJson } },
      errors: ['not_found'],
      handle: async ({ params, user }) => ({ status: 200, body: queueJson(await uc.queues.status(user, params.id)) }),
    }),
  ];
}
