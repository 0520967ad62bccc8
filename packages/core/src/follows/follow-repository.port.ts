import type { Page, PageRequest } from '../shared/page.js';
import type { FollowerEntry, FollowingEntry } from './follow.js';

/**
 * The follow graph. `follow`/`unfollow` change the edge and the creator's follower
 * counter atomically, so the counter is exact once either returns.
 */
export interface FollowRepository {
  follow(followerId: string, creatorId: string, at: number): Promise<{ created: boolean; followedAt: number }>;
  /** True when an edge was removed. */
  unfollow(followerId: string, creatorId: string): Promise<boolean>;
  /** When the user followed the creator, or null. */
  followedAt(followerId: string, creatorId: string): Promise<number | null>;
  /** Which of `creatorIds` the user follows, and since when; creators not followed are left out. */
  followedAtMany(
    followerId: string,
    creatorIds: readonly string[],
  ): Promise<Array<{ creatorId: string; followedAt: number }>>;
  /** Newest first, cursor on (followedAt, follower id). */
  listFollowers(creatorId: string, page: PageRequest): Promise<Page<FollowerEntry>>;
  /** Newest first, cursor on (followedAt, creator id). */
  listFollowing(userId: string, page: PageRequest): Promise<Page<FollowingEntry>>;
  /** Follower ids in id order, for fan-out in batches (keyset on id). */
  followerIds(creatorId: string, afterId: string | null, limit: number): Promise<string[]>;
  /** Bulk insert for seeding (CLI `seed --followers`); updates the counter once. */
  bulkFollow(creatorId: string, followerIds: string[], at: number): Promise<void>;
}
