import type { EventType } from '../notifications/notification.js';

/** A drop's confirmed orders, as its dashboard counts them. */
export interface OrderActivity {
  /** Confirmed orders. */
  count: number;
  /** Distinct users with a confirmed order. */
  buyers: number;
  /** When the first and the last confirmed order were placed; null without orders. */
  firstAt: number | null;
  lastAt: number | null;
  /** Confirmed orders placed at or after the `since` asked for. */
  countSince: number;
}

/** One follower event of a drop (`drop.started`, `stock.low`, `drop.sold_out`) and when it went out. */
export interface EventTiming {
  type: EventType;
  /** When the transaction that caused it committed it to the outbox. */
  createdAt: number;
  /** When the relay handed it on (fanned out, on the streams or the broker); null while pending. */
  publishedAt: number | null;
}

/** The followers a `drop.started` reached, and how many of them bought. */
export interface Audience {
  /** Followers of the creator who followed at or before the event and follow still. */
  notified: number;
  /** Of those, the users with a confirmed order in the drop. */
  buyers: number;
}

/**
 * What a drop's live dashboard reads beside the drop itself. Every answer is bounded by the
 * drop's own orders and events (indexed by drop), never by the size of the follow graph:
 * the audience is the creator's follower count less those who followed after the event.
 */
export interface DropActivity {
  orders(dropId: string, since: number): Promise<OrderActivity>;
  /** The drop's follower events in commit order. */
  followerEvents(dropId: string): Promise<EventTiming[]>;
  audience(dropId: string, creatorId: string, notifiedAt: number): Promise<Audience>;
}
