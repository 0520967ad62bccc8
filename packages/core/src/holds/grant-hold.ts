import type { Drop } from '../drops/drop.js';
import type { Order } from '../orders/order.js';
import type { TxContext } from '../shared/unit-of-work.port.js';
import type { ReserveResult } from '../orders/inventory.port.js';
import { holdDeadline } from './hold.js';

/** A held order of `quantity` on `drop` for `userId`, made at `now`: what PlaceOrder and the server's own grants write. */
export function heldOrder(id: string, userId: string, drop: Drop, quantity: number, now: number): Order {
  return {
    id,
    userId,
    dropId: drop.id,
    quantity,
    unitPriceCents: drop.priceCents,
    totalCents: drop.priceCents * quantity,
    currency: drop.currency,
    status: 'held',
    createdAt: now,
    expiresAt: holdDeadline(drop, now),
    payment: null,
  };
}

/** The hold made, or why the stock authority refused it. */
export type Granted = { ok: true; order: Order } | Exclude<ReserveResult, { ok: true }>;

/**
 * A hold the server makes for a user who did not ask at that moment (a waitlist offer; a
 * draw winner's hold reuses it): the same conditional take as any order (stock, then the
 * user's limit), then the order row, in the caller's unit of work. Returns the order, or
 * the refusal (nothing written).
 */
export async function grantHold(tx: TxContext, order: Order, drop: Drop): Promise<Granted> {
  const r = await tx.inventory.reserve({
    dropId: drop.id,
    userId: order.userId,
    quantity: order.quantity,
    perUserLimit: drop.perUserLimit,
  });
  if (!r.ok) return r;
  await tx.orders.insert(order);
  return { ok: true, order };
}
