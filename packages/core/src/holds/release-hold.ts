import type { Drop } from '../drops/drop.js';
import type { DomainEvent } from '../notifications/notification.js';
import type { Order } from '../orders/order.js';
import type { TxContext } from '../shared/unit-of-work.port.js';
import { grantHold, heldOrder } from './grant-hold.js';
import { endedEvent, offeredEvent } from './hold-events.js';
import { offersReturns } from './hold.js';
import type { EndedHold } from './hold-writer.port.js';
import { accessOf } from '../fairness/access.js';
import { grantWinners } from '../fairness/run-due-shuffles.use-case.js';

/** Waitlisted users looked at per returned unit beyond the first: ones at their limit are passed over. */
const PASSED_OVER_MAX = 20;

/**
 * After `tx.holds.end`: gives the hold's units back and, on a drop still open, offers them
 * to its waitlist in join order, one unit per user, each as a hold of its own (`grantHold`),
 * taken in this same transaction, so nobody else can buy an offered unit and nothing is
 * offered twice. Users at their per-user limit are passed over and keep their place; an
 * offered user leaves the list. Writes the buyer's `order.expired` / `order.cancelled` and
 * each `order.offered` to the outbox; returns the offers. A draw's units go to its next
 * entrants in draw order instead (backfill, `draw.won`), from the draw until the drop ends.
 */
export async function releaseHold(
  tx: TxContext,
  hold: EndedHold,
  how: 'order.expired' | 'order.cancelled',
  drop: Drop,
  now: number,
  nextId: () => string,
): Promise<Order[]> {
  await tx.holds.giveBack(hold);
  const events: DomainEvent[] = [endedEvent(how, hold, drop, now, nextId)];
  const offers: Order[] = [];
  if (drop.checkout === 'pay' && accessOf(drop) === 'draw') {
    // A draw's returned units go to the next entrants in the drawn order, not to a waitlist.
    if (drop.cancelledAt === null && now < drop.endsAt) {
      const candidates = await tx.draws.nextUngranted(drop.id, hold.quantity + PASSED_OVER_MAX);
      const won = await grantWinners(
        tx,
        drop,
        candidates.map((c) => c.userId),
        hold.quantity,
        now,
        nextId,
      );
      offers.push(...won.flatMap((w) => (w.hold ? [w.hold] : [])));
    }
  } else if (drop.checkout === 'pay' && offersReturns(drop, now)) {
    const candidates = await tx.waitlist.next(drop.id, hold.quantity + PASSED_OVER_MAX);
    for (const c of candidates) {
      if (offers.length === hold.quantity) break;
      const granted = await grantHold(tx, heldOrder(nextId(), c.userId, drop, 1, now), drop);
      if (!granted.ok) {
        if (granted.reason === 'purchase_limit_exceeded') continue;
        break; // no unit left after all (the drop was cancelled meanwhile): nothing to offer
      }
      await tx.waitlist.remove(drop.id, c.userId);
      offers.push(granted.order);
      events.push(offeredEvent(granted.order, drop, nextId));
    }
  }
  await tx.outbox.append(events);
  return offers;
}
