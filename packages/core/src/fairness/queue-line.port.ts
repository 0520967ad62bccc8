import type { UnitOfWork } from '../shared/unit-of-work.port.js';

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
  /**
   * A user who joined the line at `rank` (arrivals after the start), put at the back of a built
   * copy (one already in it keeps its place); their place, `undefined` when no copy is built.
   */
  joined(dropId: string, userId: string, rank: number): Promise<number | undefined>;
  /** `joined` for each of `userIds` in turn, in one call: the arrivals a rebuild's copy missed. */
  joinedAll(dropId: string, userIds: readonly string[]): Promise<void>;
}

/**
 * Rebuilds the copy of a drop's line from the record (or from `first`, the line just read in
 * the caller's transaction), then adds whoever the record gained meanwhile: an arrival that
 * committed after that read told a line that did not exist yet or that the rebuild replaced,
 * and was left out of both. Missed, everyone behind it would hear a place too far forward
 * until the next rebuild, and then, moved back, hear it again.
 */
export async function rebuildLine(line: QueueLine, uow: UnitOfWork, dropId: string, first?: string[]): Promise<void> {
  const read = async () =>
    (await uow.run((tx) => tx.queues.line(dropId, Number.MAX_SAFE_INTEGER))).map((w) => w.userId);
  const waiting = first ?? (await read());
  await line.rebuild(dropId, waiting);
  const known = new Set(waiting);
  // At a start those are the thousands who joined while the shuffle committed: one call, not one each.
  const missed = (await read()).filter((userId) => !known.has(userId));
  if (missed.length) await line.joinedAll(dropId, missed);
}
