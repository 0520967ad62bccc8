import { normaliseHandle, searchPrefix } from '../accounts/creator-search.js';
import type { CreatorProfile } from '../accounts/user.js';
import type { UserRepository } from '../accounts/user-repository.port.js';
import type { Clock } from '../shared/clock.port.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/domain-error.js';
import type { Page, PageRequest } from '../shared/page.js';
import type { FollowerEntry, FollowingEntry } from './follow.js';
import type { FollowRepository } from './follow-repository.port.js';

/** Creators' public profiles, following and unfollowing, and both directions of the graph. */
export class Follows {
  constructor(private readonly d: { users: UserRepository; follows: FollowRepository; clock: Clock }) {}

  async creator(id: string): Promise<CreatorProfile> {
    const creator = await this.d.users.findCreator(id);
    if (!creator) throw new NotFoundError('Creator');
    return creator;
  }

  /** The creator profiles among `ids` (unordered; non-creators left out), for batched reads. */
  creators(ids: readonly string[]): Promise<CreatorProfile[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.d.users.findCreators(ids);
  }

  /** When the user followed each of `creatorIds`; creators not followed are absent from the map. */
  async checkMany(userId: string, creatorIds: readonly string[]): Promise<Map<string, number>> {
    if (creatorIds.length === 0) return new Map();
    const rows = await this.d.follows.followedAtMany(userId, creatorIds);
    return new Map(rows.map((r) => [r.creatorId, r.followedAt]));
  }

  /** By handle, `@ada` or `ADA` alike; anything that cannot be a handle is simply not found. */
  async creatorByHandle(handle: string): Promise<CreatorProfile> {
    const normal = normaliseHandle(handle);
    const creator = normal === null ? null : await this.d.users.findCreatorByHandle(normal);
    if (!creator) throw new NotFoundError('Creator');
    return creator;
  }

  /** Prefix search over handles and display names (accents and case folded), by handle. */
  searchCreators(q: string, page: PageRequest): Promise<Page<CreatorProfile>> {
    return this.d.users.searchCreators(searchPrefix(q), page);
  }

  async follow(
    userId: string,
    creatorId: string,
  ): Promise<{ created: boolean; creatorId: string; followedAt: number }> {
    if (userId === creatorId) throw ValidationError.field('creatorId', 'you cannot follow yourself');
    await this.creator(creatorId);
    const r = await this.d.follows.follow(userId, creatorId, this.d.clock.now());
    return { created: r.created, creatorId, followedAt: r.followedAt };
  }

  async unfollow(userId: string, creatorId: string): Promise<void> {
    await this.d.follows.unfollow(userId, creatorId);
  }

  async check(userId: string, creatorId: string): Promise<{ following: boolean; followedAt: number | null }> {
    const at = await this.d.follows.followedAt(userId, creatorId);
    return { following: at !== null, followedAt: at };
  }

  async following(userId: string, page: PageRequest): Promise<Page<FollowingEntry>> {
    return this.d.follows.listFollowing(userId, page);
  }

  /** Only the creator may see who follows them. */
  async followers(viewerId: string, creatorId: string, page: PageRequest): Promise<Page<FollowerEntry>> {
    // Not a creator → 404 for everyone, the account itself included (it has no followers list).
    await this.creator(creatorId);
    if (viewerId !== creatorId) throw new ForbiddenError('Only the creator can list their followers');
    return this.d.follows.listFollowers(creatorId, page);
  }
}
