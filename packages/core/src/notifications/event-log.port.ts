import type { DomainEvent } from './notification.js';

export interface EventLogEntry {
  seq: number;
  event: DomainEvent;
  /** The relay has published it; with a relay that fans out before publishing, its fan-out is durable. */
  published: boolean;
}

/**
 * The outbox read as an event log, by position. An instance that learns of events from a
 * broker, possibly out of order or not at all (a lost pub/sub message), reads here what
 * it must push next, so its live streams still get every event, once, in order.
 */
export interface EventLog {
  /** Positioned events after `seq`, in position order, at most `limit`. */
  after(seq: number, limit: number): Promise<EventLogEntry[]>;
  /** The position of the oldest positioned event not yet published, or null when none is. */
  firstUnpublished(): Promise<number | null>;
}
