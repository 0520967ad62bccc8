import type { DropRepository } from '../drops/drop-repository.port.js';
import type { Order } from '../orders/order.js';
import type { StockGate } from '../orders/stock-gate.port.js';
import type { Clock } from '../shared/clock.port.js';
import type { IdGenerator } from '../shared/id-generator.port.js';
import type { UnitOfWork } from '../shared/unit-of-work.port.js';
import type { CheckoutObserver } from './checkout-observer.js';
import type { HoldRepository } from './hold-writer.port.js';
import { releaseHold } from './release-hold.js';

export interface ExpireDueHoldsDeps {
  holds: HoldRepository;
  drops: Pick<DropRepository, 'findById'>;
  uow: UnitOfWork;
  clock: Clock;
  ids: IdGenerator;
  gate?: StockGate | undefined;
  observer?: CheckoutObserver | undefined;
}

/**
 * The expiry loop's step: ends every hold whose deadline has passed and gives its units
 * back (to the waitlist first), including holds that fell due while no server ran. Exactly
 * once per hold however many instances run it, by the drop scheduler's technique: the
 * conditional `held → expired` update and the units' return and outbox rows commit
 * together, so only the instance whose update ended the hold returns anything.
 */
export class ExpireDueHolds {
  constructor(private readonly d: ExpireDueHoldsDeps) {}

  /** Expires up to `limit` due holds; returns how many this call ended (other instances may end some). */
  async execute(limit = 100): Promise<number> {
    const now = this.d.clock.now();
    const due = await this.d.holds.due(now, limit);
    let ended = 0;
    for (const hold of due) if (await this.expire(hold, now)) ended++;
    return ended;
  }

  private async expire(order: Order, now: number): Promise<boolean> {
    const drop = await this.d.drops.findById(order.dropId);
    if (!drop) return false;
    const next = () => this.d.ids.next();
    const offers = await this.d.uow.run(async (tx) => {
      const hold = await tx.holds.end(order.id, 'expired', now);
      return hold ? releaseHold(tx, hold, 'order.expired', drop, now, next) : null;
    });
    if (offers === null) return false;
    this.d.gate?.returned?.(drop.id);
    this.d.observer?.expired?.(Math.max(0, now - (order.expiresAt ?? now)), offers.length);
    return true;
  }
}
