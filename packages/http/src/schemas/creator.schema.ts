import type { CreatorProfile, FollowerEntry, FollowingEntry, UserSummary } from '@livedrops/core';
import { z } from 'zod';
import { decodeHandleCursor } from '../cursor.js';
import { afterWith, Id, iso, pageQuery, Timestamp } from './common.schema.js';

export const CreatorJson = z
  .object({ id: Id, handle: z.string(), displayName: z.string(), followerCount: z.int(), createdAt: Timestamp })
  .meta({ id: 'Creator', description: '`followerCount` is exact once a follow or unfollow response has returned.' });

export function creatorJson(c: CreatorProfile): z.infer<typeof CreatorJson> {
  return {
    id: c.id,
    handle: c.handle,
    displayName: c.displayName,
    followerCount: c.followerCount,
    createdAt: iso(c.createdAt),
  };
}

export const UserSummaryJson = z
  .object({ id: Id, handle: z.string(), displayName: z.string() })
  .meta({ id: 'UserSummary' });

export const summary = (u: UserSummary): z.infer<typeof UserSummaryJson> => ({
  id: u.id,
  handle: u.handle,
  displayName: u.displayName,
});

export const FollowerJson = z.object({ user: UserSummaryJson, followedAt: Timestamp }).meta({ id: 'Follower' });
export const followerJson = (f: FollowerEntry): z.infer<typeof FollowerJson> => ({
  user: summary(f.user),
  followedAt: iso(f.followedAt),
});

export const FollowingJson = z.object({ creator: UserSummaryJson, followedAt: Timestamp }).meta({ id: 'Following' });
export const followingJson = (f: FollowingEntry): z.infer<typeof FollowingJson> => ({
  creator: summary(f.creator),
  followedAt: iso(f.followedAt),
});

export const FollowJson = z.object({ creatorId: Id, followedAt: Timestamp }).meta({ id: 'Follow' });

export const FollowCheckJson = z
  .object({ following: z.boolean(), followedAt: Timestamp.nullable() })
  .meta({ id: 'FollowCheck' });

export const CreatorIdParams = z.object({ creatorId: Id }).strict();

/** `/v1/creators/{id}` also takes `@handle`: an id never starts with `@`, so the two cannot collide. */
export const CreatorRefParams = z
  .object({
    id: z
      .string()
      .regex(/^(@[A-Za-z0-9_]{1,64}|[A-Za-z0-9_-]{1,64})$/, { error: 'must be an id, or a handle after @ (e.g. @ada)' })
      .meta({
        description: "The creator's id, or `@` and their handle (case-insensitive), e.g. `@ada`.",
        examples: ['@ada'],
      }),
  })
  .strict();

const HANDLE_QUERY = /^@?[A-Za-z0-9_]{3,32}$/;

export const ListCreatorsQuery = z
  .object({
    handle: z
      .string()
      .regex(HANDLE_QUERY, { error: 'must be a handle: 3-32 of a-z, 0-9 and _, optionally after @' })
      .optional()
      .meta({ description: 'Exact handle, case-insensitive, `@` optional: a page of at most one creator.' }),
    q: z
      .string()
      .trim()
      .min(1, { error: 'must be 1-100 characters' })
      .max(100, { error: 'must be 1-100 characters' })
      .optional()
      .meta({
        description: [
          'Prefix of a handle or of a display name; accents, case, repeated spaces and a leading `@` do not matter',
          '("emi" finds Émile). Not a word search.',
        ].join(' '),
      }),
    ...pageQuery,
    after: afterWith(decodeHandleCursor),
  })
  .strict()
  .refine((q) => q.handle === undefined || q.q === undefined, { error: 'give handle or q, not both', path: ['q'] });
