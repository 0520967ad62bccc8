import type { DomainEvent } from './notification.js';

/** Writes events inside the caller's unit of work; they commit or vanish with it. */
export interface Outbox {
  append(events: DomainEvent[]): Promise<void>;
}

export interface OutboxEntry {
  /** Monotonic position: the relay publishes in this order, which keeps each drop's events ordered. */
  seq: number;
  event: DomainEvent;
}

/** The relay's side of the outbox: read unpublished rows in order, mark them once the bus has them. */
export interface OutboxRelayStore {
  /** Up to `limit` unpublished entries in seq order (claimed with SKIP LOCKED where the engine has it). */
  pending(limit: number): Promise<OutboxEntry[]>;
  markPublished(seqs: number[], at: number): Promise<void>;
  /** Age in ms of the oldest unpublished entry (0 when none): the outbox lag. */
  lag(now: number): Promise<number>;
}

/** Where relayed events go: in-process on the embedded profile, RabbitMQ in production. At least once. */
export interface EventBus {
  publish(events: DomainEvent[]): Promise<void>;
  subscribe(handler: (event: DomainEvent) => Promise<void>): Promise<() => Promise<void>>;
}
