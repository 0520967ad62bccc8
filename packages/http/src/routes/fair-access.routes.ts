import type { UseCases } from '@livedrops/core';
import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import { IdParams, iso, Timestamp } from '../schemas/common.schema.js';

const EntryJson = z
  .object({ entryId: z.string(), enteredAt: Timestamp })
  .meta({ id: 'DrawEntry', description: "The user's one entry in a draw." });

/** Fair access (api.md 1.1): entering draws. */
export function fairAccessRoutes(uc: UseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/drops/{id}/entries',
      operationId: 'enterDraw',
      tag: 'Fair access',
      summary: 'Enter a draw (one entry per user)',
      description:
        'Between `entriesOpenAt` and `entriesCloseAt`. 201 the first time, 200 with the same entry after (also once closed). ' +
        'At the close winners are drawn: `draw.won` (with a hold on pay drops) or `draw.lost`; a winner\'s lapsed hold passes ' +
        'to the next entrant in the drawn order. Outside the window (or a cancelled drop) → 409 entries_closed; a drop that is ' +
        'not a draw → 404; followers-first drops → 403 not_eligible for users who followed the creator after its creation.',
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
  ];
}
