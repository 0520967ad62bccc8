import type { UseCases } from '@livedrops/core';
import { z } from 'zod';
import { encodeNext } from '../cursor.js';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import { page, pageQuery } from '../schemas/common.schema.js';
import { DropIdParams, WaitlistEntryJson, waitlistEntryJson } from '../schemas/waitlist.schema.js';

/** "Notify me" (api.md 1.1, Waitlist). */
export function waitlistRoutes(uc: UseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'put',
      path: '/v1/me/waitlist/{dropId}',
      operationId: 'joinWaitlist',
      tag: 'Waitlist',
      summary: "Wait for a drop's returned units",
      description:
        'When a hold on the drop expires or is cancelled, its units are offered to the waitlist in join order: each next user ' +
        'gets a hold of one unit (within their perUserLimit) and an `order.offered` notification, and leaves the list. ' +
        '201 the first time, 200 after. An ended or cancelled drop → 409 drop_not_live; no such drop → 404.',
      auth: true,
      params: DropIdParams,
      responses: {
        201: { description: 'Now waiting.', schema: WaitlistEntryJson },
        200: { description: 'Already waiting (since `joinedAt`).', schema: WaitlistEntryJson },
      },
      errors: ['not_found', 'drop_not_live'],
      async handle({ params, user }) {
        const { entry, created } = await uc.waitlists.join(user, params.dropId);
        return { status: created ? 201 : 200, body: waitlistEntryJson(entry) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/v1/me/waitlist/{dropId}',
      operationId: 'leaveWaitlist',
      tag: 'Waitlist',
      summary: 'Stop waiting (also when not waiting)',
      auth: true,
      params: DropIdParams,
      responses: { 204: { description: 'Not waiting.' } },
      errors: [],
      async handle({ params, user }) {
        await uc.waitlists.leave(user, params.dropId);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/me/waitlist',
      operationId: 'listMyWaitlist',
      tag: 'Waitlist',
      summary: 'The drops you wait for, newest first',
      auth: true,
      query: z.object(pageQuery).strict(),
      responses: { 200: { description: 'A page of waitlist entries.', schema: page(WaitlistEntryJson) } },
      errors: [],
      async handle({ query, user }) {
        const p = await uc.waitlists.mine(user, query);
        return { status: 200, body: { data: p.items.map(waitlistEntryJson), nextCursor: encodeNext(p.next) } };
      },
    }),
  ];
}
