import type { Order } from '../orders/order.js';

/** A hold this unit of work has just ended (its row as it was while held). */
export interface EndedHold {
  orderId: string;
  userId: string;
  dropId: string;
  quantity: number;
  createdAt: number;
  expiresAt: number;
  unitPriceCents: number;
}

/** A drop's stock counters after a write (drop.ts: `sold` is taken now; `returned` and `paid` only grow). */
export interface StockCounters {
  sold: number;
  returned: number;
  paid: number;
}

/**
 * The writes that end holds, in the caller's unit of work (TxContext.holds). Every end is
 * one conditional update from `held`: exactly one of concurrent payment, cancel and expiry
 * (on any instance, before or after a restart) finds the hold still held, and only that
 * one returns units, counts a payment or writes its events, in the same transaction.
 */
export interface HoldWriter {
  /**
   * held → `to`, only while held, and for `expired` only once due (`expires_at <= now`),
   * for `cancelled` only while not yet due. Returns the hold, or null if it was not held
   * (or, for the time condition, not in the state the caller expected).
   */
  end(orderId: string, to: 'expired' | 'cancelled', now: number): Promise<EndedHold | null>;
  /** Gives an ended hold's units back: the drop's `returned` grows by them, the buyer's tally shrinks. */
  giveBack(hold: EndedHold): Promise<StockCounters>;
  /**
   * held → confirmed by `paymentId`, only while held, not yet due and the drop not cancelled;
   * the drop's `paid` grows by the quantity. Returns the confirmed order and the counters, or null.
   */
  confirm(orderId: string, paymentId: string, now: number): Promise<{ order: Order; counters: StockCounters } | null>;
}

/** Reads of open holds. */
export interface HoldRepository {
  /** Holds due by `now` (`expires_at <= now`, still held), earliest deadline first. */
  due(now: number, limit: number): Promise<Order[]>;
  /** Holds open right now, over every drop (a gauge). */
  openCount(): Promise<number>;
}
