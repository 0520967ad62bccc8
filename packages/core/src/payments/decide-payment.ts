import type { Drop } from '../drops/drop.js';
import { DropNotLiveError } from '../drops/drop.errors.js';
import { paidEvent } from '../holds/hold-events.js';
import { holdRefusal, OrderNotPayableError } from '../holds/hold.js';
import type { IdempotencyRecord } from '../orders/idempotency-store.port.js';
import type { OrderRepository } from '../orders/order-repository.port.js';
import { failure } from '../orders/order-outcomes.js';
import type { Order, OrderOutcome } from '../orders/order.js';
import type { TxContext } from '../shared/unit-of-work.port.js';
import type { Payment } from './payment.js';

/** A step the settle loop took over while the request was still at it (its lease ran out). */
export class TakenOver extends Error {}

export interface Decision {
  outcome: OrderOutcome;
  /** True: the hold was confirmed with this payment (capture owed); false: a void is owed. */
  confirmed: boolean;
}

/**
 * Step 3 of a payment, in the caller's unit of work: an authorization confirms the hold only
 * if it is still held and unexpired; the payment moves to `authorized` (capture owed) or
 * `voiding` (void owed) in the same transaction, with `order.confirmed` and the request's
 * stored answer. Throws TakenOver (rolling it all back) if the payment is no longer
 * `authorizing`: the settle loop took it over.
 */
export async function decidePayment(
  tx: TxContext,
  d: { orders: Pick<OrderRepository, 'findById'>; drop: Drop; now: number; leaseUntil: number; nextId: () => string },
  order: Order,
  p: Payment,
  record: (o: OrderOutcome) => IdempotencyRecord,
): Promise<Decision> {
  const confirmed = await tx.holds.confirm(order.id, p.id, d.now);
  const status = confirmed ? 'authorized' : 'voiding';
  const patch = { status, authorizationId: p.authorizationId, updatedAt: d.now, leaseUntil: d.leaseUntil } as const;
  if (!(await tx.payments.advance(p.id, { status: 'authorizing' }, patch))) throw new TakenOver();
  let outcome: OrderOutcome;
  if (confirmed) {
    const payment = { id: p.id, status: 'authorized', amountCents: p.amountCents, currency: p.currency } as const;
    const paid: Order = { ...confirmed.order, payment };
    await tx.outbox.append([paidEvent(paid, d.drop, d.now, d.nextId)]);
    outcome = { ok: true, order: paid };
  } else {
    const current = (await d.orders.findById(order.id)) ?? order;
    // Still held and not lapsed: the drop was cancelled meanwhile.
    const stillHeld =
      current.status === 'held' ? new DropNotLiveError('cancelled') : new OrderNotPayableError(current.status);
    outcome = failure(holdRefusal(current, d.now, 'pay') ?? stillHeld);
  }
  await tx.idempotency.save(record(outcome));
  return { outcome, confirmed: confirmed !== null };
}
