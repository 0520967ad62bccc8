import type { FollowerEntry, FollowingEntry, FollowRepository, Page, PageRequest } from '@livedrops/core';
import type { KnexDb } from './knex-db.js';
import { keysetPage } from './knex-keyset.js';
import { toSummary, type Row } from './knex-rows.js';

// Rows per INSERT in bulkFollow: 3 bound values each stays far below every engine's
// bind-parameter limit, and a chunk is small enough not to stall other writers.
const BULK_CHUNK = 500;

/**
 * The follow graph. The edge and the creator's follower_count change in one
 * transaction, and the insert itself (ON CONFLICT DO NOTHING) says whether an edge was
 * created, so the counter stays exact under any mix of concurrent follows and unfollows.
 */
export class KnexFollowRepository implements FollowRepository {
  constructor(private readonly db: KnexDb) {}

  follow(followerId: string, creatorId: string, at: number): Promise<{ created: boolean; followedAt: number }> {
    return this.db.transaction(async () => {
      const inserted = await this.db
        .table('follows')
        .insert({ creator_id: creatorId, follower_id: followerId, followed_at: at })
        .onConflict(['creator_id', 'follower_id'])
        .ignore()
        .returning('followed_at');
      if (inserted.length > 0) {
        await this.db.table('users').where({ id: creatorId }).increment('follower_count', 1);
        return { created: true, followedAt: at };
      }
      // Already following: the original time stands (the API answers 200 with it).
      const followedAt = await this.followedAt(followerId, creatorId);
      return { created: false, followedAt: followedAt ?? at };
    });
  }

  unfollow(followerId: string, creatorId: string): Promise<boolean> {
    return this.db.transaction(async () => {
      const removed = Number(
        await this.db.table('follows').where({ creator_id: creatorId, follower_id: followerId }).del(),
      );
      if (removed > 0) await this.db.table('users').where({ id: creatorId }).decrement('follower_count', removed);
      return removed > 0;
    });
  }

  async followedAt(followerId: string, creatorId: string): Promise<number | null> {
    const row = (await this.db
      .table('follows')
      .where({ creator_id: creatorId, follower_id: followerId })
      .first('followed_at')) as Row | undefined;
    return row ? Number(row.followed_at) : null;
  }

  async followedAtMany(
    followerId: string,
    creatorIds: readonly string[],
  ): Promise<Array<{ creatorId: string; followedAt: number }>> {
    if (creatorIds.length === 0) return [];
    const rows = (await this.db
      .table('follows')
      .where('follower_id', followerId)
      .whereIn('creator_id', [...creatorIds])
      .select('creator_id', 'followed_at')) as Row[];
    return rows.map((r) => ({ creatorId: String(r.creator_id), followedAt: Number(r.followed_at) }));
  }

  listFollowers(creatorId: string, page: PageRequest): Promise<Page<FollowerEntry>> {
    const query = this.db
      .table('follows as f')
      .join('users as u', 'u.id', 'f.follower_id')
      .where('f.creator_id', creatorId)
      .select('u.id', 'u.handle', 'u.display_name', 'f.followed_at');
    return keysetPage(
      query,
      { key: 'f.followed_at', id: 'f.follower_id', direction: 'desc' },
      page,
      (r: Row): FollowerEntry => ({ user: toSummary(r), followedAt: Number(r.followed_at) }),
      (e) => ({ key: e.followedAt, id: e.user.id }),
    );
  }

  listFollowing(userId: string, page: PageRequest): Promise<Page<FollowingEntry>> {
    const query = this.db
      .table('follows as f')
      .join('users as u', 'u.id', 'f.creator_id')
      .where('f.follower_id', userId)
      .select('u.id', 'u.handle', 'u.display_name', 'f.followed_at');
    return keysetPage(
      query,
      { key: 'f.followed_at', id: 'f.creator_id', direction: 'desc' },
      page,
      (r: Row): FollowingEntry => ({ creator: toSummary(r), followedAt: Number(r.followed_at) }),
      (e) => ({ key: e.followedAt, id: e.creator.id }),
    );
  }

  async followerIds(creatorId: string, afterId: string | null, limit: number): Promise<string[]> {
    const query = this.db.table('follows').where('creator_id', creatorId);
    if (afterId !== null) query.andWhere('follower_id', '>', afterId);
    const rows = (await query.orderBy('follower_id', 'asc').limit(limit).select('follower_id')) as Row[];
    return rows.map((r) => String(r.follower_id));
  }

  bulkFollow(creatorId: string, followerIds: string[], at: number): Promise<void> {
    return this.db.transaction(async () => {
      let added = 0;
      for (let i = 0; i < followerIds.length; i += BULK_CHUNK) {
        const rows = followerIds
          .slice(i, i + BULK_CHUNK)
          .filter((id) => id !== creatorId) // nobody follows themself (the use case's rule)
          .map((id) => ({ creator_id: creatorId, follower_id: id, followed_at: at }));
        if (rows.length === 0) continue;
        const inserted = await this.db
          .table('follows')
          .insert(rows)
          .onConflict(['creator_id', 'follower_id'])
          .ignore()
          .returning('follower_id');
        added += inserted.length;
      }
      // Once, by what was really inserted: existing edges and duplicates do not count.
      if (added > 0) await this.db.table('users').where({ id: creatorId }).increment('follower_count', added);
    });
  }
}
