import type { DropListStatus, UseCases } from '@livedrops/core';
import { encodeNext } from '../cursor.js';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import { IdParams, page } from '../schemas/common.schema.js';
import type { MediaUrls } from '../media-urls.js';
import { CreateDropBody, DropJson, dropJson, ListDropsQuery } from '../schemas/drop.schema.js';
import { DropStatsJson, dropStatsJson } from '../schemas/drop-stats.schema.js';
import { FairnessJson, fairnessJson } from '../schemas/access.schema.js';

export function dropRoutes(uc: UseCases, media: MediaUrls): AnyRoute[] {
  // Status is derived from the same clock the core decides with, read once per response.
  const now = (): number => uc.drops.now();
  const one = async (drop: Parameters<typeof dropJson>[0]) =>
    dropJson(drop, now(), await uc.drops.creatorsOf([drop]), media);
  return [
    defineRoute({
      method: 'post',
      path: '/v1/drops',
      operationId: 'createDrop',
      tag: 'Drops',
      summary: 'Schedule a drop of one of your products (creators only)',
      description:
        "Someone else's (or no) product → 404. Cross-field rules (startsAt < endsAt, endsAt in the future) → 400.",
      auth: true,
      body: CreateDropBody,
      responses: { 201: { description: 'Scheduled.', schema: DropJson } },
      errors: ['forbidden', 'not_found'],
      async handle({ body, user }) {
        return { status: 201, body: await one(await uc.drops.schedule(user, body)) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/drops/{id}/cancel',
      operationId: 'cancelDrop',
      tag: 'Drops',
      summary: 'Cancel a drop (owner only)',
      description:
        "Idempotent. Someone else's drop → 404; a drop that has already ended → 409 drop_not_live. " +
        'No order succeeds once this returns.',
      auth: true,
      params: IdParams,
      responses: { 200: { description: 'The cancelled drop.', schema: DropJson } },
      errors: ['not_found', 'drop_not_live'],
      async handle({ params, user }) {
        return { status: 200, body: await one(await uc.drops.cancel(user, params.id)) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/drops',
      operationId: 'listDrops',
      tag: 'Drops',
      summary: 'Drops, by status',
      description:
        'With `status`: upcoming by startsAt ascending, live (incl. sold out) by startsAt descending, ended (incl. cancelled) by endsAt descending, sold_out and cancelled (exactly those) ordered as live and ended; ties by id. Without `status`: every drop, newest created first.',
      auth: false,
      query: ListDropsQuery,
      responses: { 200: { description: 'A page of drops.', schema: page(DropJson) } },
      errors: [],
      async handle({ query }) {
        const p = await uc.drops.list(
          { status: query.status as DropListStatus | undefined, creatorId: query.creatorId },
          { limit: query.limit, after: query.after },
        );
        const creators = await uc.drops.creatorsOf(p.items);
        const at = now();
        return {
          status: 200,
          body: { data: p.items.map((d) => dropJson(d, at, creators, media)), nextCursor: encodeNext(p.next) },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/drops/{id}',
      operationId: 'getDrop',
      tag: 'Drops',
      summary: 'One drop, with live stock',
      auth: false,
      params: IdParams,
      responses: { 200: { description: 'The drop.', schema: DropJson } },
      errors: ['not_found'],
      handle: async ({ params }) => ({ status: 200, body: await one(await uc.drops.get(params.id)) }),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/drops/{id}/stats',
      operationId: 'getDropStats',
      tag: 'Drops',
      summary: "A drop's live figures (its creator only)",
      description:
        'Units sold, held and left; orders per second; time to sell out; how long follower notifications took ' +
        'to go out; how many notified followers bought. Anyone but the creator → 403. Read fresh on every call ' +
        "(a dashboard polls it): its cost grows with the drop's own orders, never with the follower count.",
      auth: true,
      params: IdParams,
      responses: { 200: { description: 'The figures now.', schema: DropStatsJson } },
      errors: ['forbidden', 'not_found'],
      handle: async ({ params, user }) => ({
        status: 200,
        body: dropStatsJson(await uc.dropStats.of(user, params.id)),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/drops/{id}/fairness',
      operationId: 'getDropFairness',
      tag: 'Drops',
      summary: "A queue or draw drop's verifiable shuffle (public)",
      description:
        'Before the shuffle: the commitment (SHA-256 of the secret seed) and the algorithm; after it also the seed, the ' +
        'entries (sorted), their digest and the drawn order, enough to recompute the order (`livedrops draw verify`). ' +
        'An open drop has no shuffle → 404.',
      auth: false,
      params: IdParams,
      responses: { 200: { description: 'The commitment, and the shuffle once made.', schema: FairnessJson } },
      errors: ['not_found'],
      handle: async ({ params }) => ({ status: 200, body: fairnessJson(await uc.fairness.of(params.id)) }),
    }),
  ];
}
