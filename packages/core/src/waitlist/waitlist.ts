import type { Page, PageRequest } from '../shared/page.js';

/** One user waiting for units of one drop to come back ("notify me"). */
export interface WaitlistEntry {
  dropId: string;
  userId: string;
  joinedAt: number;
}

/** The waitlist's own reads and writes (outside any unit of work). */
export interface WaitlistRepository {
  /** Adds the user unless already waiting; the entry as it is, and whether this call made it. */
  join(dropId: string, userId: string, at: number): Promise<{ entry: WaitlistEntry; created: boolean }>;
  /** False when the user was not waiting. */
  leave(dropId: string, userId: string): Promise<boolean>;
  /** The user's entries, newest first, cursor on (joinedAt, dropId). */
  listByUser(userId: string, page: PageRequest): Promise<Page<WaitlistEntry>>;
}

/**
 * The waitlist inside a unit of work (TxContext.waitlist): the offers made when units come
 * back read and shorten it in the same transaction that returns the units, so an offered
 * user leaves exactly when their hold is made.
 */
export interface WaitlistWriter {
  /** The first `limit` entries of the drop, in join order (joinedAt, then userId). */
  next(dropId: string, limit: number): Promise<WaitlistEntry[]>;
  remove(dropId: string, userId: string): Promise<void>;
}
