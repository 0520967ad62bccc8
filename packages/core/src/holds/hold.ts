import type { Drop } from '../drops/drop.js';
import { dropStatus } from '../drops/drop.js';
import { DomainError } from '../shared/domain-error.js';
import type { Order, OrderStatus } from '../orders/order.js';

/**
 * The Holds state. On a pay drop an order starts `held` and ends exactly once: `confirmed`
 * (paid in time), `cancelled` (its buyer let it go) or `expired` (its deadline passed). Each
 * end is one conditional update from `held` (hold-writer.port.ts), so whichever of payment,
 * cancel and expiry commits first decides, and the others find nothing left to end.
 */
export const HOLD_ENDS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  held: ['confirmed', 'cancelled', 'expired'],
  confirmed: [],
  cancelled: [],
  expired: [],
};

export class HoldExpiredError extends DomainError {
  constructor(expiresAt: number) {
    super('hold_expired', 'The hold has expired; its units went back to the drop', {
      expiresAt: new Date(expiresAt).toISOString(),
    });
  }
}

export class OrderNotPayableError extends DomainError {
  constructor(status: OrderStatus) {
    super('order_not_payable', `The order is ${status}, not held`, { orderStatus: status });
  }
}

export class OrderNotHeldError extends DomainError {
  constructor(status: OrderStatus) {
    super('order_not_held', `The order is ${status}, not held`, { orderStatus: status });
  }
}

/** When a hold made at `now` on `drop` ends unpaid. */
export function holdDeadline(drop: Pick<Drop, 'holdSeconds'>, now: number): number {
  return now + (drop.holdSeconds ?? 0) * 1000;
}

/** A hold whose deadline has passed, whether or not the expiry loop has ended it yet. */
export function isLapsed(order: Pick<Order, 'status' | 'expiresAt'>, now: number): boolean {
  return order.status === 'held' && order.expiresAt != null && order.expiresAt <= now;
}

/**
 * Why `order` cannot be paid or cancelled now, or null when it can. A hold past its deadline
 * counts as expired even before the expiry loop has got to it: its units are already promised back.
 */
export function holdRefusal(order: Order, now: number, action: 'pay' | 'cancel'): DomainError | null {
  if (order.status === 'expired' || isLapsed(order, now)) return new HoldExpiredError(order.expiresAt ?? now);
  if (order.status === 'held') return null;
  return action === 'pay' ? new OrderNotPayableError(order.status) : new OrderNotHeldError(order.status);
}

/** Whether units that come back to `drop` now are offered to its waitlist: its window is open and it is not cancelled. */
export function offersReturns(drop: Drop, now: number): boolean {
  const s = dropStatus(drop, now);
  return s === 'live' || s === 'sold_out';
}
