/** A stream ticket as stored: only the hash of the ticket itself, like bearer tokens. */
export interface StoredTicket {
  hash: string;
  userId: string;
  expiresAt: number;
}

/**
 * Short-lived, single-use tickets that let an `EventSource` (which cannot send headers)
 * open a notification stream. Stored where every instance can redeem them.
 */
export interface StreamTicketStore {
  save(ticket: StoredTicket): Promise<void>;
  /**
   * Removes the ticket and returns its user when it had not expired at `now`; null when
   * unknown, used or expired. Atomic: of concurrent takes of one ticket, one wins.
   */
  take(hash: string, now: number): Promise<string | null>;
  /** Housekeeping: forgets tickets that expired before `now`; returns how many. */
  purgeExpired(now: number): Promise<number>;
}
