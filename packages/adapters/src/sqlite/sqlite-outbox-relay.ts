import type { OutboxEntry } from '@livedrops/core';
import type { KnexDb } from '../knex/knex-db.js';
import { KnexOutboxRelayStore } from '../knex/knex-outbox-relay.js';
import { toEvent, type Row } from '../knex/knex-rows.js';
import type { SqliteConnections } from './sqlite-connections.js';
import { stmt } from './sqlite-statements.js';

// The relay runs after every group-commit batch that wrote events, so on the order hot
// path: prepared statements, the backlog read on the reader connection (it sees exactly
// what committed, which is all the relay may publish), and one UPDATE for any number of
// rows (json_each), run as a unit of work in the next batch.
const PENDING = 'SELECT * FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT ?';
const MARK = `UPDATE outbox SET published_at = ?
  WHERE seq IN (SELECT value FROM json_each(?)) AND published_at IS NULL`;
const OLDEST = 'SELECT MIN(created_at) AS oldest FROM outbox WHERE published_at IS NULL';

export class SqliteOutboxRelayStore extends KnexOutboxRelayStore {
  constructor(
    db: KnexDb,
    private readonly connections: SqliteConnections,
  ) {
    super(db);
  }

  override async pending(limit: number): Promise<OutboxEntry[]> {
    const rows = await this.connections.read((conn) => stmt(conn, PENDING).all(limit) as Row[]);
    return rows.map((r) => ({ seq: Number(r.seq), event: toEvent(r) }));
  }

  override async markPublished(seqs: number[], at: number): Promise<void> {
    if (seqs.length === 0) return;
    // The first publication's time stands when a retry publishes a row again.
    await this.connections.transaction(async ({ conn }) => stmt(conn, MARK).run(at, JSON.stringify(seqs)));
  }

  override async lag(now: number): Promise<number> {
    const row = await this.connections.read((conn) => stmt(conn, OLDEST).get() as Row | undefined);
    const oldest = row?.oldest;
    return oldest === null || oldest === undefined ? 0 : Math.max(0, now - Number(oldest));
  }
}
