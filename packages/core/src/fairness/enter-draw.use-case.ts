import type { User } from '../accounts/user.js';
import type { DropRepository } from '../drops/drop-repository.port.js';
import type { FollowRepository } from '../follows/follow-repository.port.js';
import type { Clock } from '../shared/clock.port.js';
import { NotFoundError } from '../shared/domain-error.js';
import type { IdGenerator } from '../shared/id-generator.port.js';
import { accessOf } from './access.js';
import type { DrawEntry, DrawRepository } from './draws.js';
import { assertEligible } from './eligibility.js';
import { EntriesClosedError } from './fairness.errors.js';

/** `POST /v1/drops/{id}/entries`: one entry per user, inside the draw's window. */
export class EnterDraw {
  constructor(
    private readonly d: {
      drops: Pick<DropRepository, 'findById'>;
      draws: DrawRepository;
      follows: Pick<FollowRepository, 'followedAt'>;
      clock: Clock;
      ids: IdGenerator;
    },
  ) {}

  /** The user's entry; `created` false when they had entered already (the first entry stands, even after the close). */
  async execute(user: User, dropId: string): Promise<{ entry: DrawEntry; created: boolean }> {
    const drop = await this.d.drops.findById(dropId);
    if (!drop || accessOf(drop) !== 'draw') throw new NotFoundError('Draw');
    const existing = await this.d.draws.find(dropId, user.id);
    if (existing) return { entry: existing, created: false };
    const now = this.d.clock.now();
    const open =
      drop.cancelledAt === null && now >= (drop.entriesOpenAt ?? Infinity) && now < (drop.entriesCloseAt ?? -Infinity);
    if (!open) throw new EntriesClosedError();
    await assertEligible(this.d.follows, drop, user.id, now);
    return this.d.draws.enter({
      id: this.d.ids.next(),
      dropId,
      userId: user.id,
      enteredAt: now,
      rank: null,
      grantedAt: null,
    });
  }
}
