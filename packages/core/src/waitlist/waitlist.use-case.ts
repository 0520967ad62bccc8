import type { User } from '../accounts/user.js';
import { dropStatus } from '../drops/drop.js';
import { DropNotLiveError } from '../drops/drop.errors.js';
import type { DropRepository } from '../drops/drop-repository.port.js';
import type { Clock } from '../shared/clock.port.js';
import { NotFoundError } from '../shared/domain-error.js';
import type { Page, PageRequest } from '../shared/page.js';
import type { WaitlistEntry, WaitlistRepository } from './waitlist.js';

/**
 * "Notify me": joining, leaving and listing a user's waitlists. The offers themselves are
 * made where units come back (release-hold.ts), in join order.
 */
export class Waitlists {
  constructor(
    private readonly d: { waitlist: WaitlistRepository; drops: Pick<DropRepository, 'findById'>; clock: Clock },
  ) {}

  /** Upcoming, live and sold-out drops take entries; an ended or cancelled one never returns units. */
  async join(actor: User, dropId: string): Promise<{ entry: WaitlistEntry; created: boolean }> {
    const drop = await this.d.drops.findById(dropId);
    if (!drop) throw new NotFoundError('Drop');
    const now = this.d.clock.now();
    const status = dropStatus(drop, now);
    if (status === 'ended' || status === 'cancelled') throw new DropNotLiveError(status);
    return this.d.waitlist.join(dropId, actor.id, now);
  }

  /** Idempotent: also when not waiting. */
  async leave(actor: User, dropId: string): Promise<void> {
    await this.d.waitlist.leave(dropId, actor.id);
  }

  mine(actor: User, page: PageRequest): Promise<Page<WaitlistEntry>> {
    return this.d.waitlist.listByUser(actor.id, page);
  }
}
