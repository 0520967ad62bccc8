import type { OrderOutcome } from './order.js';

export interface IdempotencyRecord {
  userId: string;
  key: string;
  /** Canonical form of the request; a replay with another fingerprint is a misuse (422). */
  fingerprint: string;
  outcome: OrderOutcome;
  createdAt: number;
}

export interface IdempotencyWriter {
  /** Saves the record in the caller's unit of work; throws IdempotencyKeyInUseError if (user, key) exists. */
  save(record: IdempotencyRecord): Promise<void>;
  /** Rewrites the stored outcome of an existing (user, key): a payment's answer once its capture is done. */
  replace(record: IdempotencyRecord): Promise<void>;
}

export interface IdempotencyStore {
  find(userId: string, key: string): Promise<IdempotencyRecord | null>;
  /**
   * The sweeper: deletes at most `limit` records created before `before`, oldest first,
   * and returns how many. Bounded so one call never holds the writer for long; callers
   * repeat while it returns `limit`.
   */
  purgeBefore(before: number, limit: number): Promise<number>;
}

/**
 * Marks a (user, key) as in flight, so a concurrent duplicate answers 409 instead of
 * waiting. In-process on one instance; Redis (with a TTL) across instances.
 */
export interface IdempotencyLock {
  /**
   * The scope's lock, or null while another request holds it. The TTL frees a scope whose
   * holder died; releasing after it ran out never frees a later holder's lock.
   */
  acquire(scope: string, ttlMs: number): Promise<HeldLock | null>;
}

export interface HeldLock {
  release(): Promise<void>;
}
