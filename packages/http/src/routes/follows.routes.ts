import type { UseCases } from '@livedrops/core';
import { encodeNext } from '../cursor.js';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import { IdParams, iso, page, pageQuery } from '../schemas/common.schema.js';
import {
  CreatorIdParams,
  FollowCheckJson,
  FollowerJson,
  followerJson,
  FollowingJson,
  followingJson,
  FollowJson,
} from '../schemas/creator.schema.js';
import { z } from 'zod';

const PageQuery = z.object(pageQuery).strict();

export function followRoutes(uc: UseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/v1/creators/{id}/followers',
      operationId: 'listFollowers',
      tag: 'Creators',
      summary: "A creator's followers, newest first",
      description: 'Only the creator themself may list them; anyone else → 403 (404 if no such creator).',
      auth: true,
      params: IdParams,
      query: PageQuery,
      responses: { 200: { description: 'A page of followers.', schema: page(FollowerJson) } },
      errors: ['forbidden', 'not_found'],
      async handle({ params, query, user }) {
        const p = await uc.follows.followers(user.id, params.id, query);
        return { status: 200, body: { data: p.items.map(followerJson), nextCursor: encodeNext(p.next) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/me/following',
      operationId: 'listFollowing',
      tag: 'Creators',
      summary: 'Creators the signed-in user follows, newest first',
      auth: true,
      query: PageQuery,
      responses: { 200: { description: 'A page of follows.', schema: page(FollowingJson) } },
      errors: [],
      async handle({ query, user }) {
        const p = await uc.follows.following(user.id, query);
        return { status: 200, body: { data: p.items.map(followingJson), nextCursor: encodeNext(p.next) } };
      },
    }),
    defineRoute({
      method: 'put',
      path: '/v1/me/following/{creatorId}',
      operationId: 'follow',
      tag: 'Creators',
      summary: 'Follow a creator (idempotent)',
      description: '201 the first time, 200 when already following. Following a non-creator → 404; oneself → 400.',
      auth: true,
      params: CreatorIdParams,
      responses: {
        201: { description: 'Now following.', schema: FollowJson },
        200: { description: 'Was already following.', schema: FollowJson },
      },
      errors: ['not_found'],
      async handle({ params, user }) {
        const r = await uc.follows.follow(user.id, params.creatorId);
        return { status: r.created ? 201 : 200, body: { creatorId: r.creatorId, followedAt: iso(r.followedAt) } };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/v1/me/following/{creatorId}',
      operationId: 'unfollow',
      tag: 'Creators',
      summary: 'Stop following a creator (idempotent)',
      auth: true,
      params: CreatorIdParams,
      responses: { 204: { description: 'Not following (any more, or ever).' } },
      errors: [],
      async handle({ params, user }) {
        await uc.follows.unfollow(user.id, params.creatorId);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/me/following/{creatorId}',
      operationId: 'checkFollow',
      tag: 'Creators',
      summary: 'Whether the signed-in user follows a creator',
      auth: true,
      params: CreatorIdParams,
      responses: { 200: { description: 'The follow state.', schema: FollowCheckJson } },
      errors: [],
      async handle({ params, user }) {
        const r = await uc.follows.check(user.id, params.creatorId);
        return {
          status: 200,
          body: { following: r.following, followedAt: r.followedAt === null ? null : iso(r.followedAt) },
        };
      },
    }),
  ];
}
