import type { CreatorProfile, FollowerEntry, FollowingEntry, UserSummary } from '@livedrops/core';
import { z } from 'zod';
import { Id, iso, Timestamp } from './common.schema.js';

export const CreatorJson = z
  .object({ id: Id, handle: z.string(), displayName: z.string(), followerCount: z.int(), createdAt: Timestamp })
  .meta({ id: 'Creator', description: '`followerCount` is exact once a follow or unfollow response has returned.' });

export function creatorJson(c: CreatorProfile): z.infer<typeof CreatorJson> {
  return { id: c.id, handle: c.handle, displayName: c.displayName, followerCount: c.followerCount, createdAt: iso(c.createdAt) };
}

export const UserSummaryJson = z.object({ id: Id, handle: z.string(), displayName: z.string() }).meta({ id: 'UserSummary' });

const summary = (u: UserSummary): z.infer<typeof UserSummaryJson> => ({ id: u.id, handle: u.handle, displayName: u.displayName });

export const FollowerJson = z.object({ user: UserSummaryJson, followedAt: Timestamp }).meta({ id: 'Follower' });
export const followerJson = (f: FollowerEntry): z.infer<typeof FollowerJson> => ({ user: summary(f.user), followedAt: iso(f.followedAt) });

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
