import type { Drop } from '../drops/drop.js';
import type { DomainEvent } from '../notifications/notification.js';
import type { IdempotencyRecord } from './idempotency-store.port.js';
import type { ReserveResult } from './inventory.port.js';
import type { Order, OrderOutcome } from './order.js';

/** The follower events an order may cause, made before the decision (order-events.ts). */
export interface LineEvents {
  /** `stock.low`; the engine sets `data.available` to what the crossing order leaves. */
  low: DomainEvent;
  soldOut: DomainEvent;
}

/**
 * One order request, with every row it writes if the stock authority grants it, made
 * beforehand so that an engine can decide many attempts at once (one statement on
 * PostgreSQL) without calling back into the use case.
 */
export interface OrderAttempt {
  userId: string;
  key: string;
  fingerprint: string;
  quantity: number;
  createdAt: number;
  /** The drop as read (it may be a moment old): window, price, limit and threshold never change. */
  drop: Drop;
  order: Order;
  /** The buyer's event: `order.confirmed`, or `order.held` when the order is a hold (pay drops). */
  confirmed: DomainEvent;
  lines: LineEvents;
}

export type AttemptResult =
  /** The key was used before: its stored record, whatever its request was. */
  | { replayed: true; record: IdempotencyRecord }
  /** Decided and recorded now. `reserve`: what the stock authority said (absent when it was not asked). */
  | { replayed: false; outcome: OrderOutcome; reserve?: ReserveResult };

/**
 * The order path's write side. `place` decides one attempt against the authoritative stock
 * and per-user tally, in arrival order with the attempts the engine decides beside it, and
 * commits, all or nothing: the decrement, the tally, the order row, its outbox rows (each
 * stock line crossed fires once) and the idempotency record, a refusal's record included.
 * `record` stores an answer reached without touching stock. Both answer `replayed` instead
 * when the user's key is already recorded; neither ever writes a second record for a key.
 */
export interface OrderBook {
  place(attempt: OrderAttempt): Promise<AttemptResult>;
  record(record: IdempotencyRecord): Promise<AttemptResult>;
}
