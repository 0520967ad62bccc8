/**
 * A payment's state machine; every step is a conditional update from the state it expects
 * (PaymentWriter.advance), written in the same transaction as the order state it belongs to.
 *
 *   authorizing ─┬─ declined                      (the gateway refused: nothing to undo)
 *                ├─ authorized ── captured        (the order was confirmed with it; capture is owed)
 *                │            └── failed          (the gateway refused the capture: a person must look)
 *                └─ voiding ──── voided           (an authorization the order did not take: void is owed)
 *
 * `authorizing` is written before the gateway is asked, so a crash at any point leaves a
 * row that says an authorization may exist under the payment's key; `authorized` and
 * `voiding` are the transactional outbox of the gateway calls still owed, which the
 * settle loop retries until done (settle-payments.use-case.ts).
 */
export type PaymentStatus = 'authorizing' | 'declined' | 'authorized' | 'captured' | 'failed' | 'voiding' | 'voided';

export const PAYMENT_STEPS: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  authorizing: ['declined', 'authorized', 'voiding'],
  authorized: ['captured', 'failed'],
  voiding: ['voided'],
  declined: [],
  captured: [],
  failed: [],
  voided: [],
};

export interface Payment {
  /** Also the key every gateway call about it is made with, so a retry never charges twice. */
  id: string;
  orderId: string;
  userId: string;
  dropId: string;
  /** The Idempotency-Key of the request that made it: a retry of that request resumes it. */
  requestKey: string;
  method: string;
  amountCents: number;
  currency: string;
  status: PaymentStatus;
  authorizationId: string | null;
  declineCode: string | null;
  /** Gateway calls made for it after the first (captures and voids retried by the settle loop). */
  attempts: number;
  createdAt: number;
  updatedAt: number;
  /** Until then the payment is its current owner's (a request, or one settle pass); after it, the settle loop's. */
  leaseUntil: number;
}

/** The steps that are complete: nothing is owed to the gateway any more. */
export const isSettled = (s: PaymentStatus): boolean => PAYMENT_STEPS[s].length === 0;

export function canStep(from: PaymentStatus, to: PaymentStatus): boolean {
  return PAYMENT_STEPS[from].includes(to);
}

/** What changes in one step; `status` must be a step `canStep` allows. */
export interface PaymentPatch {
  status?: PaymentStatus;
  authorizationId?: string | null;
  declineCode?: string | null;
  attempts?: number;
  leaseUntil?: number;
  updatedAt: number;
}

/** The payment's rows inside a unit of work (TxContext.payments). */
export interface PaymentWriter {
  insert(payment: Payment): Promise<void>;
  /**
   * Applies `patch` only while the payment is in `when.status` (and, given `leaseBefore`,
   * only if its lease ran out by then): true when this call changed it.
   */
  advance(id: string, when: { status: PaymentStatus; leaseBefore?: number }, patch: PaymentPatch): Promise<boolean>;
}

export interface PaymentRepository {
  findById(id: string): Promise<Payment | null>;
  /** The newest payment a request (order, Idempotency-Key) made. */
  findByRequest(orderId: string, requestKey: string): Promise<Payment | null>;
  /**
   * Payments the settle loop owes a step, whose lease ran out by `now`: authorized, voiding,
   * and authorizing (abandoned by their request). Oldest lease first.
   */
  unsettled(now: number, limit: number): Promise<Payment[]>;
  /** Every payment of a drop (the simulator's checker). */
  listByDrop(dropId: string): Promise<Payment[]>;
}
