export type EventType =
  | 'drop.started'
  | 'stock.low'
  | 'drop.sold_out'
  | 'order.confirmed'
  // Checkout: personal events about a hold (hold-events.ts).
  | 'order.held'
  | 'order.expired'
  | 'order.cancelled'
  | 'order.offered'
  // Fair access: personal events about a draw or a waiting room.
  | 'draw.won'
  | 'draw.lost'
  | 'queue.position'
  | 'queue.admitted'
  | 'queue.closed';

/**
 * How a follower event reaches followers, decided once when the event is written (see
 * fanout-policy.ts) and stored with it, so no event is ever both fanned out and merged.
 * `write`: inbox rows per follower; `read`: merged into each follower's inbox at query time.
 */
export type FanoutMode = 'write' | 'read';

/**
 * A domain event as written to the outbox, in the same transaction as the change
 * that caused it. Its id doubles as the notification id, so consumers dedupe on it.
 */
export interface DomainEvent {
  id: string;
  type: EventType;
  dropId: string;
  creatorId: string;
  /** The single recipient for personal events (`order.confirmed`); null for follower events. */
  userId: string | null;
  data: Record<string, unknown>;
  createdAt: number;
  /** Follower events only; absent on personal events. A follower event without one counts as `write`. */
  fanout?: FanoutMode;
  /** The outbox position, set when the relay reads the event back; absent before it is stored. */
  seq?: number;
}

/** A stored event: one the relay read back from the outbox, so it has its position. */
export type StoredEvent = DomainEvent & { seq: number };

/** What a user sees in their inbox and on their stream. */
export interface Notification {
  id: string;
  type: EventType;
  createdAt: number;
  data: Record<string, unknown>;
}

export function toNotification(e: DomainEvent): Notification {
  return { id: e.id, type: e.type, createdAt: e.createdAt, data: e.data };
}

/** Follower events go to a creator's followers; personal ones to `userId` alone. */
export function isFollowerEvent(e: DomainEvent): boolean {
  return e.userId === null;
}
