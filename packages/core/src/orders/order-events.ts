import type { Drop } from '../drops/drop.js';
import type { DomainEvent, EventType } from '../notifications/notification.js';
import type { LineEvents } from './order-book.port.js';
import type { Order } from './order.js';

/** Data every follower event about a drop carries (api.md, Notifications). */
export function dropEventData(drop: Drop, available: number): Record<string, unknown> {
  return { dropId: drop.id, creatorId: drop.creatorId, productTitle: drop.productTitle, available };
}

/** The buyer's `order.confirmed`. */
export function confirmedEvent(order: Order, drop: Drop, nextId: () => string): DomainEvent {
  return {
    id: nextId(),
    type: 'order.confirmed',
    dropId: drop.id,
    creatorId: drop.creatorId,
    userId: order.userId,
    createdAt: order.createdAt,
    data: { dropId: drop.id, orderId: order.id, quantity: order.quantity, productTitle: drop.productTitle },
  };
}

/** `stock.low` and `drop.sold_out` for an order of `drop` at `at`, before anyone knows whether it crosses a line. */
export function lineEvents(drop: Drop, at: number, nextId: () => string): LineEvents {
  const follower = (type: EventType, available: number): DomainEvent => ({
    id: nextId(),
    type,
    dropId: drop.id,
    creatorId: drop.creatorId,
    userId: null,
    createdAt: at,
    data: dropEventData(drop, available),
  });
  return { low: follower('stock.low', 0), soldOut: follower('drop.sold_out', 0) };
}

/**
 * The events of one granted order that left `availableAfter` units. `stock.low` and
 * `drop.sold_out` fire only on the order that crosses the line, which the atomic decision
 * makes unique. Every engine applies this rule (the PostgreSQL batch function in SQL).
 */
export function eventsOf(
  confirmed: DomainEvent,
  lines: LineEvents,
  threshold: number,
  availableAfter: number,
  quantity: number,
): DomainEvent[] {
  const events = [confirmed];
  const before = availableAfter + quantity;
  if (before > threshold && availableAfter <= threshold)
    events.push({ ...lines.low, data: { ...lines.low.data, available: availableAfter } });
  if (availableAfter === 0) events.push(lines.soldOut);
  return events;
}

/** All the events of one confirmed order, made at once (tests, and engines deciding one order at a time). */
export function orderEvents(
  order: Order,
  drop: Drop,
  availableAfter: number,
  quantity: number,
  nextId: () => string,
): DomainEvent[] {
  return eventsOf(
    confirmedEvent(order, drop, nextId),
    lineEvents(drop, order.createdAt, nextId),
    drop.lowStockThreshold,
    availableAfter,
    quantity,
  );
}
