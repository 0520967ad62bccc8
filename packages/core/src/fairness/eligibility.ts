import type { Drop } from '../drops/drop.js';
import type { FollowRepository } from '../follows/follow-repository.port.js';
import { accessOf, followersOnly } from './access.js';
import type { DrawRepository } from './draws.js';
import { NotEligibleError, PassRequiredError } from './fairness.errors.js';
import type { QueueRepository } from './queue.js';
import type { FairAccessObserver } from './fair-access-observer.js';

/**
 * Followers-first: until `followersFirstUntil` only users who followed the creator no later
 * than the drop's creation (and the creator) may order, join the queue or enter the draw, so
 * following once the drop is announced buys nothing. Throws not_eligible otherwise.
 */
export async function assertEligible(
  follows: Pick<FollowRepository, 'followedAt'>,
  drop: Drop,
  userId: string,
  now: number,
): Promise<void> {
  if (!followersOnly(drop, now) || userId === drop.creatorId) return;
  const since = await follows.followedAt(userId, drop.creatorId);
  if (since === null || since > drop.createdAt) throw new NotEligibleError('followers_first');
}

/**
 * Whether the user may order on this drop now: followers first; on a draw, only entrants
 * whose win was granted; on a waiting room, a pass of their own, bound to the order's key
 * here (so a replay of the key is not a second use). Throws not_eligible or pass_required;
 * answers whether a pass was bound (the caller frees it if the order is refused).
 */
export async function admitOrder(
  d: {
    follows: Pick<FollowRepository, 'followedAt'>;
    draws: Pick<DrawRepository, 'find'>;
    queues: Pick<QueueRepository, 'bindPass'>;
    fairAccess?: FairAccessObserver | undefined;
  },
  drop: Drop,
  userId: string,
  req: { pass?: string | undefined; key: string },
  now: number,
): Promise<boolean> {
  await assertEligible(d.follows, drop, userId, now);
  const access = accessOf(drop);
  if (access === 'draw' && !(await d.draws.find(drop.id, userId))?.grantedAt)
    throw new NotEligibleError('not_a_winner');
  if (access !== 'queue') return false;
  const bound = req.pass !== undefined && (await d.queues.bindPass(drop.id, userId, req.pass, req.key, now));
  d.fairAccess?.pass?.(bound ? 'used' : 'refused');
  if (!bound) throw new PassRequiredError();
  return true;
}
