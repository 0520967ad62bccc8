import type { ErrorCode } from '../shared/domain-error.js';

/** `held` only on pay drops: a timed hold that ends exactly once, in one of the other three. */
export type OrderStatus = 'held' | 'confirmed' | 'cancelled' | 'expired';

/** The payment that confirmed a held order, as the order shows it. */
export interface OrderPayment {
  id: string;
  /** `authorized` while the capture is still being retried; `captured` once the gateway took the money; `failed` if it refused to. */
  status: 'authorized' | 'captured' | 'failed';
  amountCents: number;
  currency: string;
}

export interface Order {
  id: string;
  userId: string;
  dropId: string;
  quantity: number;
  unitPriceCents: number;
  totalCents: number;
  currency: string;
  status: OrderStatus;
  createdAt: number;
  /** A hold's deadline, kept after it passes; null (or absent) for instant orders. */
  expiresAt?: number | null;
  /** The payment that confirmed it; null (or absent) until paid, and on instant orders. */
  payment?: OrderPayment | null;
}

export const QUANTITY_MAX = 100;

/**
 * The result of one order attempt as the idempotency store keeps it: a confirmed
 * order or the business error it got. Replays return it unchanged.
 */
export type OrderOutcome =
  | { ok: true; order: Order }
  | { ok: false; error: { code: ErrorCode; message: string; extensions: Record<string, unknown> } };
