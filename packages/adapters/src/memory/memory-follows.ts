import {
  isAfterDesc,
  pageOf,
  type FollowerEntry,
  type FollowingEntry,
  type FollowRepository,
  type Page,
  type PageRequest,
  type UserSummary,
} from '@livedrops/core';
import type { MemoryStore } from './memory-store.js';

type Edge = { otherId: string; at: number };

function newestFirst(edges: Map<string, number> | undefined, page: PageRequest): Edge[] {
  const rows: Edge[] = [];
  for (const [otherId, at] of edges ?? []) if (isAfterDesc(at, otherId, page.after)) rows.push({ otherId, at });
  rows.sort((a, b) => b.at - a.at || (a.otherId < b.otherId ? 1 : a.otherId > b.otherId ? -1 : 0));
  return rows.slice(0, page.limit + 1);
}

export class MemoryFollowRepository implements FollowRepository {
  constructor(private readonly s: MemoryStore) {}

  private summary(id: string): UserSummary {
    const u = this.s.users.get(id)!.user;
    return { id: u.id, handle: u.handle, displayName: u.displayName };
  }

  private edgeMaps(followerId: string, creatorId: string): [Map<string, number>, Map<string, number>] {
    let f = this.s.followers.get(creatorId);
    if (!f) this.s.followers.set(creatorId, (f = new Map()));
    let g = this.s.following.get(followerId);
    if (!g) this.s.following.set(followerId, (g = new Map()));
    return [f, g];
  }

  async follow(followerId: string, creatorId: string, at: number): Promise<{ created: boolean; followedAt: number }> {
    const [followers, following] = this.edgeMaps(followerId, creatorId);
    const existing = followers.get(followerId);
    if (existing !== undefined) return { created: false, followedAt: existing };
    followers.set(followerId, at);
    following.set(creatorId, at);
    this.s.users.get(creatorId)!.followerCount++;
    return { created: true, followedAt: at };
  }

  async unfollow(followerId: string, creatorId: string): Promise<boolean> {
    const removed = this.s.followers.get(creatorId)?.delete(followerId) ?? false;
    if (removed) {
      this.s.following.get(followerId)?.delete(creatorId);
      this.s.users.get(creatorId)!.followerCount--;
    }
    return removed;
  }

  async followedAt(followerId: string, creatorId: string): Promise<number | null> {
    return this.s.followers.get(creatorId)?.get(followerId) ?? null;
  }

  async followedAtMany(
    followerId: string,
    creatorIds: readonly string[],
  ): Promise<Array<{ creatorId: string; followedAt: number }>> {
    const edges = this.s.following.get(followerId);
    return [...new Set(creatorIds)].flatMap((creatorId) => {
      const followedAt = edges?.get(creatorId);
      return followedAt === undefined ? [] : [{ creatorId, followedAt }];
    });
  }

  async listFollowers(creatorId: string, page: PageRequest): Promise<Page<FollowerEntry>> {
    const rows = newestFirst(this.s.followers.get(creatorId), page).map((e) => ({
      user: this.summary(e.otherId),
      followedAt: e.at,
    }));
    return pageOf(rows, page.limit, (r) => ({ key: r.followedAt, id: r.user.id }));
  }

  async listFollowing(userId: string, page: PageRequest): Promise<Page<FollowingEntry>> {
    const rows = newestFirst(this.s.following.get(userId), page).map((e) => ({
      creator: this.summary(e.otherId),
      followedAt: e.at,
    }));
    return pageOf(rows, page.limit, (r) => ({ key: r.followedAt, id: r.creator.id }));
  }

  async followerIds(creatorId: string, afterId: string | null, limit: number): Promise<string[]> {
    const ids = [...(this.s.followers.get(creatorId)?.keys() ?? [])].filter((id) => afterId === null || id > afterId);
    return ids.sort().slice(0, limit);
  }

  async bulkFollow(creatorId: string, followerIds: string[], at: number): Promise<void> {
    for (const id of followerIds) await this.follow(id, creatorId, at);
  }
}
