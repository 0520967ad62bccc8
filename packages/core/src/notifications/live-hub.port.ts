import type { Notification } from './notification.js';

/** Who is connected to this instance's live streams; fan-out asks it whom to push to. */
export interface LiveAudience {
  isConnected(userId: string): boolean;
  /** Every user with at least one open stream here. */
  connectedUserIds(): string[];
}

/** One event on its way to the open streams of `userIds`. */
export interface LiveDelivery {
  seq: number;
  notification: Notification;
  userIds: readonly string[];
}

export interface LiveSubscription {
  /**
   * Where the stream's catch-up from the feed ends: every delivery up to it was published
   * before the listener could hear it, every later one reaches the listener (if it names
   * the user). When the subscription begins while a delivery is being prepared (its
   * recipients were chosen before this listener existed), it resolves only once that
   * delivery is published, and includes it: the feed already holds it by then.
   */
  watermark: Promise<number>;
  close(): void;
}

/**
 * Pushes events to connected streams. In-process on the embedded profile; a Redis
 * pub/sub implementation will let every instance's streams see every event.
 * Deliveries are published in outbox order, one at a time, and only after the event's
 * durable fan-out, so the feed already holds whatever a listener is pushed.
 */
export interface LiveHub extends LiveAudience {
  /** The position of the last published delivery; deliveries at or below it are duplicates. */
  watermark(): number;
  /** Starts the watermark (at boot: everything before the first unrelayed event). Never moves it back. */
  advanceTo(seq: number): void;
  /** A delivery is being prepared (its recipients are being chosen); `publish` or `abandon` ends it. */
  begin(seq: number): void;
  /** The delivery being prepared failed; it will come again, and the watermark stays. */
  abandon(): void;
  /** Pushes the delivery and moves the watermark to it, ending the one being prepared. */
  publish(delivery: LiveDelivery): Promise<void>;
  subscribe(userId: string, listener: (seq: number, notification: Notification) => void): LiveSubscription;
  /** Open streams of one user on this instance (for the per-user cap). */
  streamCount(userId: string): number;
  /** Open streams on this instance. */
  size(): number;
}
