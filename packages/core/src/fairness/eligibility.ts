import type { Drop } from '../drops/drop.js';
import type { FollowRepository } from '../follows/follow-repository.port.js';
import { followersOnly } from './access.js';
import { NotEligibleError } from './fairness.errors.js';

/**
 * Followers-first: until `followersFirstUntil` only users who followed the creator no later
 * than the drop's creation (and the creator) may order, join the queue or enter the draw, so
 * following once the drop is announced buys nothing. Throws not_eligible otherwise.
 */
export async function assertEligible(follows: Pick<FollowRepository, 'followedAt'>, drop: Drop, userId: string, now: number): Promise<void> {
  if (!followersOnly(drop, now) || userId === drop.creatorId) return;
  const since = await follows.followedAt(userId, drop.creatorId);
  if (since === null || since > drop.createdAt) throw new NotEligibleError('followers_first');
}
