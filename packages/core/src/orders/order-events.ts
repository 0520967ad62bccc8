import type { Drop } from '../drops/drop.js';
import type { DomainEvent, EventType } from '../notifications/notification.js';
import type { Order } from './order.js';

/** Data every follower event about a drop carries (api.md, Notifications). */
export function dropEventData(drop: Drop, available: number): Record<string, unknown> {
  return { dropId: drop.id, creatorId: drop.creatorId, productTitle: drop.productTitle, available };
}

/**
 * The events one confirmed order causes. `stock.low` and `drop.sold_out` fire only on the
 * order that crosses the line, which the atomic reserve makes unique.
 */
export function orderEvents(order: Order, drop: Drop, availableAfter: number, quantity: number, nextId: () => string): DomainEvent[] {
  const base = { dropId: drop.id, creatorId: drop.creatorId, createdAt: order.createdAt };
  const follower = (type: EventType): DomainEvent => ({ ...base, id: nextId(), type, userId: null, data: dropEventData(drop, availableAfter) });
  const events: DomainEvent[] = [
    {
      ...base,
      id: nextId(),
      type: 'order.confirmed',
      userId: order.userId,
      data: { dropId: drop.id, orderId: order.id, quantity, productTitle: drop.productTitle },
    },
  ];
  const before = availableAfter + quantity;
  if (before > drop.lowStockThreshold && availableAfter <= drop.lowStockThreshold) events.push(follower('stock.low'));
  if (availableAfter === 0) events.push(follower('drop.sold_out'));
  return events;
}

/**
 * An order that leaves more than this many units causes `order.confirmed` alone: it can
 * cross neither the low-stock line nor zero. Lets an engine commit such an order without
 * a second look at the count (inventory.port.ts, `ifQuiet`).
 */
export function quietAbove(drop: Drop): number {
  return drop.lowStockThreshold;
}
