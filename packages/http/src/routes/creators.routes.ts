import { NotFoundError, type UseCases } from '@livedrops/core';
import { encodeNext } from '../cursor.js';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import { page } from '../schemas/common.schema.js';
import { CreatorJson, creatorJson, CreatorRefParams, ListCreatorsQuery } from '../schemas/creator.schema.js';

/** Finding creators: by id, by handle (exact) and by what a fan types (prefix search). */
export function creatorRoutes(uc: UseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/v1/creators',
      operationId: 'listCreators',
      tag: 'Creators',
      summary: 'Find creators by handle or by a prefix of their handle or name',
      description: [
        '`handle`: exact match, case-insensitive (`@` optional): a page of zero or one creator.',
        '`q`: creators whose handle or display name starts with it, accents and case folded. Neither: every creator.',
        'Ordered by handle, keyset-paginated. `handle` and `q` together → 400.',
      ].join(' '),
      auth: false,
      query: ListCreatorsQuery,
      responses: { 200: { description: 'A page of creator profiles, by handle.', schema: page(CreatorJson) } },
      errors: [],
      async handle({ query }) {
        if (query.handle !== undefined) {
          const found = await uc.follows
            .creatorByHandle(query.handle)
            .catch((e: unknown) => (e instanceof NotFoundError ? null : Promise.reject(e)));
          return { status: 200, body: { data: found ? [creatorJson(found)] : [], nextCursor: null } };
        }
        const p = await uc.follows.searchCreators(query.q ?? '', { limit: query.limit, after: query.after });
        return { status: 200, body: { data: p.items.map(creatorJson), nextCursor: encodeNext(p.next) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/creators/{id}',
      operationId: 'getCreator',
      tag: 'Creators',
      summary: "A creator's public profile, by id or by @handle",
      description: 'Users who are not creators are 404. `@ada` (case-insensitive) names the creator by handle.',
      auth: false,
      params: CreatorRefParams,
      responses: { 200: { description: 'The profile.', schema: CreatorJson } },
      errors: ['not_found'],
      async handle({ params }) {
        const byHandle = params.id.startsWith('@');
        const creator = await (byHandle ? uc.follows.creatorByHandle(params.id) : uc.follows.creator(params.id));
        return { status: 200, body: creatorJson(creator) };
      },
    }),
  ];
}
