import type { StoredTicket, StreamTicketStore } from '@livedrops/core';
import type { KnexDb } from './knex-db.js';
import type { Row } from './knex-rows.js';

/** Stream tickets in the database, so a ticket issued by one instance opens a stream on another. */
export class KnexStreamTickets implements StreamTicketStore {
  constructor(private readonly db: KnexDb) {}

  async save(t: StoredTicket): Promise<void> {
    await this.db.table('stream_tickets').insert({ hash: t.hash, user_id: t.userId, expires_at: t.expiresAt });
  }

  take(hash: string, now: number): Promise<string | null> {
    // The delete decides who redeemed it (its row count is 1 for exactly one caller, on any
    // engine), so a ticket works once even when two requests race; an expired one is
    // consumed too and simply refused. (knex has no DELETE … RETURNING on SQLite.)
    return this.db.transaction(async () => {
      const row = (await this.db.table('stream_tickets').where({ hash }).first('user_id', 'expires_at')) as
        | Row
        | undefined;
      if (!row) return null;
      const deleted = Number(await this.db.table('stream_tickets').where({ hash }).del());
      return deleted === 1 && now < Number(row.expires_at) ? String(row.user_id) : null;
    });
  }

  async purgeExpired(now: number): Promise<number> {
    return Number(await this.db.table('stream_tickets').where('expires_at', '<=', now).del());
  }
}
