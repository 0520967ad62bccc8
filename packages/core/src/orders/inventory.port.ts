import type { DomainEvent } from '../notifications/notification.js';
import type { IdempotencyRecord } from './idempotency-store.port.js';
import type { Order } from './order.js';

export interface ReserveRequest {
  dropId: string;
  userId: string;
  quantity: number;
  /** null: no per-user limit. */
  perUserLimit: number | null;
  /**
   * The rows the caller will write if this reserve succeeds and leaves more than `above`
   * units (then no stock line is crossed and these are all its writes). An engine may write
   * them itself, in the same atomic step as the decrement, and answer `recorded: true`:
   * the caller then writes nothing more and ends the unit of work. Engines may ignore it.
   */
  ifQuiet?: QuietWrites | undefined;
}

export interface QuietWrites {
  above: number;
  order: Order;
  events: DomainEvent[];
  record: IdempotencyRecord;
}

export type ReserveResult =
  | { ok: true; sold: number; total: number; recorded?: boolean }
  | { ok: false; reason: 'sold_out' | 'insufficient_stock'; available: number }
  | { ok: false; reason: 'purchase_limit_exceeded'; remainingAllowance: number }
  | { ok: false; reason: 'cancelled' | 'not_found' };

/**
 * The stock authority. `reserve` runs inside a unit of work and is one atomic
 * decision: the user's tally stays within `perUserLimit` and `sold + quantity <= total`
 * (a conditional update, never read-then-write), or nothing changes.
 */
export interface Inventory {
  reserve(request: ReserveRequest): Promise<ReserveResult>;
}
