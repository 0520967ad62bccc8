import type { Drop } from '../drops/drop.js';
import type { DomainEvent, EventType } from '../notifications/notification.js';
import type { Order } from '../orders/order.js';
import type { EndedHold } from './hold-writer.port.js';

/** A personal event about one order, to its buyer (api.md, Checkout: notifications). */
type EventDrop = Pick<Drop, 'id' | 'creatorId' | 'productTitle'>;

function toBuyer(
  type: EventType,
  id: string,
  drop: EventDrop,
  userId: string,
  at: number,
  data: Record<string, unknown>,
): DomainEvent {
  const payload = { dropId: drop.id, productTitle: drop.productTitle, ...data };
  return { id, type, dropId: drop.id, creatorId: drop.creatorId, userId, createdAt: at, data: payload };
}

const iso = (ms: number | null | undefined): string | null => (ms == null ? null : new Date(ms).toISOString());

/** `order.held`: the buyer's hold, with the deadline to pay by. */
export function heldEvent(order: Order, drop: Drop, nextId: () => string): DomainEvent {
  return toBuyer('order.held', nextId(), drop, order.userId, order.createdAt, {
    orderId: order.id,
    quantity: order.quantity,
    expiresAt: iso(order.expiresAt),
  });
}

/** `order.confirmed` at payment (on instant drops it is made by confirmedEvent, at the order). */
export function paidEvent(order: Order, drop: Drop, at: number, nextId: () => string): DomainEvent {
  const data = { orderId: order.id, quantity: order.quantity, paymentId: order.payment?.id ?? null };
  return toBuyer('order.confirmed', nextId(), drop, order.userId, at, data);
}

/** `order.expired` or `order.cancelled`: the hold ended unpaid and its units went back. */
export function endedEvent(
  type: 'order.expired' | 'order.cancelled',
  hold: EndedHold,
  drop: Drop,
  at: number,
  nextId: () => string,
): DomainEvent {
  return toBuyer(type, nextId(), drop, hold.userId, at, {
    orderId: hold.orderId,
    quantity: hold.quantity,
    expiresAt: iso(hold.expiresAt),
  });
}

/** `order.offered`: a returned unit held for a waitlisted user, to pay for before `expiresAt`. */
export function offeredEvent(order: Order, drop: Drop, nextId: () => string): DomainEvent {
  return toBuyer('order.offered', nextId(), drop, order.userId, order.createdAt, {
    orderId: order.id,
    quantity: order.quantity,
    expiresAt: iso(order.expiresAt),
  });
}
