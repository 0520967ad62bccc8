/**
 * A fast copy of waiting rooms' lines for position reads (Redis sorted sets on production),
 * kept beside the database, which stays the record: admission never reads it. It may be lost
 * (a Redis restart) or lag; `position` then answers `undefined` and the database is asked,
 * and the admission loop rebuilds it from the record.
 */
export interface QueueLine {
  /** 1-based place of a waiting user; `undefined` when the copy cannot say (not built, or not in it). */
  position(dropId: string, userId: string): Promise<number | undefined>;
  /** Whether the copy of this drop's line is missing or old enough to be rebuilt. */
  stale(dropId: string): Promise<boolean>;
  /** Replaces the drop's line with `waiting` (user ids in line order), atomically. */
  rebuild(dropId: string, waiting: readonly string[]): Promise<void>;
  /** Users who left the line (admitted or closed out). */
  left(dropId: string, userIds: readonly string[]): Promise<void>;
  /** A user who joined the line at `rank` (arrivals after the start). */
  joined(dropId: string, userId: string, rank: number): Promise<void>;
}
