import type { QueueEntry } from '@livedrops/core';
import type { KnexDb } from '../knex/knex-db.js';
import { KnexQueueRepository, rankAtJoin, toEntry } from '../knex/knex-queues.js';
import type { Row } from '../knex/knex-rows.js';
import type { SqliteConnections } from './sqlite-connections.js';
import { stmt } from './sqlite-statements.js';

const QUEUE_ENTRY = 'SELECT * FROM queue_entries WHERE drop_id = ? AND user_id = ?';
const DROP_SHUFFLED = 'SELECT shuffled_at FROM drops WHERE id = ?';
const QUEUE_JOIN = `INSERT INTO queue_entries (drop_id, user_id, joined_at, rank, state) VALUES (?, ?, ?, ?, 'waiting')
  ON CONFLICT (drop_id, user_id) DO NOTHING`;
// The same conditions as the knex versions of bindPass, releasePass and spendPass.
const BIND_PASS = `UPDATE queue_entries SET used_key = ? WHERE drop_id = ? AND user_id = ? AND pass = ?
  AND state = 'admitted' AND (used_key = ? OR (used_key IS NULL AND pass_expires_at > ?))`;
const RELEASE_PASS = `UPDATE queue_entries SET used_key = NULL
  WHERE drop_id = ? AND user_id = ? AND used_key = ? AND spent_at IS NULL`;
const SPEND_PASS = `UPDATE queue_entries SET spent_at = ?
  WHERE drop_id = ? AND user_id = ? AND used_key = ? AND spent_at IS NULL`;

/**
 * A waiting room's entry as every poll of one's place reads it, joins (thousands in the last
 * second before a start) and an order's steps on its pass (each of the first buyers let in
 * makes two) as prepared statements in the group commit: no query building, and no write of
 * its own queued for the pool's one connection behind the batches.
 */
export class SqliteQueueRepository extends KnexQueueRepository {
  constructor(
    db: KnexDb,
    private readonly connections: SqliteConnections,
  ) {
    super(db);
  }

  /** As the knex version: one writer, so a join and the start's shuffle never overlap. */
  override join(entry: QueueEntry): Promise<{ entry: QueueEntry; created: boolean }> {
    return this.connections.transaction(async ({ conn }) => {
      const drop = stmt(conn, DROP_SHUFFLED).get(entry.dropId) as Row | undefined;
      const rank = rankAtJoin(entry, drop?.['shuffled_at']);
      const { changes } = stmt(conn, QUEUE_JOIN).run(entry.dropId, entry.userId, entry.joinedAt, rank);
      if (changes > 0) return { entry: { ...entry, rank }, created: true };
      return { entry: toEntry(stmt(conn, QUEUE_ENTRY).get(entry.dropId, entry.userId) as Row), created: false };
    });
  }

  override async find(dropId: string, userId: string): Promise<QueueEntry | null> {
    const row = await this.connections.read((conn) => stmt(conn, QUEUE_ENTRY).get(dropId, userId) as Row | undefined);
    return row ? toEntry(row) : null;
  }

  override bindPass(dropId: string, userId: string, pass: string, key: string, now: number): Promise<boolean> {
    return this.connections.transaction(
      async ({ conn }) => stmt(conn, BIND_PASS).run(key, dropId, userId, pass, key, now).changes === 1,
    );
  }

  override async releasePass(dropId: string, userId: string, key: string): Promise<void> {
    await this.connections.transaction(async ({ conn }) => stmt(conn, RELEASE_PASS).run(dropId, userId, key));
  }

  override async spendPass(dropId: string, userId: string, key: string, at: number): Promise<void> {
    await this.connections.transaction(async ({ conn }) => stmt(conn, SPEND_PASS).run(at, dropId, userId, key));
  }
}
