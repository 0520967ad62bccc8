import { AFTER_START, type QueueEntry } from '@livedrops/core';
import type pg from 'pg';
import type { KnexDb } from '../knex/knex-db.js';
import { KnexQueueRepository, toEntry } from '../knex/knex-queues.js';
import type { Row } from '../knex/knex-rows.js';
import { KeyedBatcher, type BatcherOptions } from '../runtime/keyed-batcher.js';
import { retrying } from './pg-errors.js';

// The joins of one drop that arrive together as ONE autocommit statement. The drop's row is
// read FOR SHARE by the statement itself, as the knex version does in its transaction: a
// batch and the start's shuffle (which claims that row) never overlap, and a batch that waited
// for the claim sees `shuffled_at` and ranks its joins as arrivals after the start.
const JOIN_BATCH = {
  name: 'ld_queue_join_batch',
  text: `WITH d AS (SELECT shuffled_at FROM drops WHERE id = $1 FOR SHARE)
    INSERT INTO queue_entries (drop_id, user_id, joined_at, rank, state)
    SELECT $1, u.user_id, u.joined_at,
      CASE WHEN u.rank IS NULL AND d.shuffled_at IS NOT NULL THEN $5::bigint + u.joined_at ELSE u.rank END, 'waiting'
    FROM unnest($2::text[], $3::bigint[], $4::bigint[]) AS u(user_id, joined_at, rank) LEFT JOIN d ON true
    ON CONFLICT (drop_id, user_id) DO NOTHING
    RETURNING user_id, rank`,
};
// A batch of arrivals after the start only (each ranked already): nothing to decide against the
// shuffle, so no wait for the drop's row, which the admission step holds while it admits.
const ARRIVALS_BATCH = {
  name: 'ld_queue_arrivals_batch',
  text: `INSERT INTO queue_entries (drop_id, user_id, joined_at, rank, state)
    SELECT $1, u.user_id, u.joined_at, u.rank, 'waiting'
    FROM unnest($2::text[], $3::bigint[], $4::bigint[]) AS u(user_id, joined_at, rank)
    ON CONFLICT (drop_id, user_id) DO NOTHING
    RETURNING user_id, rank`,
};
const ENTRIES = {
  name: 'ld_queue_entries_of',
  text: 'SELECT * FROM queue_entries WHERE drop_id = $1 AND user_id = ANY($2::text[])',
};

export const DEFAULT_JOIN_BATCHING: BatcherOptions = { max: 512, inFlight: 2, windowMs: 2 };

type Joined = { entry: QueueEntry; created: boolean };

/**
 * Waiting-room joins on PostgreSQL: a celebrity's start brings thousands a second to one drop,
 * and a transaction each (BEGIN, the drop's row, INSERT, COMMIT) spent the instance's CPU on
 * round trips. A repeated join (or the same user twice in a batch) keeps the first row.
 */
export class PgQueueRepository extends KnexQueueRepository {
  private readonly joins: KeyedBatcher<QueueEntry, Joined>;
  /** Arrivals after the start batch apart: a pre-queue join waits for the start's shuffle, they need not. */
  private readonly arrivals: KeyedBatcher<QueueEntry, Joined>;

  constructor(
    db: KnexDb,
    private readonly pool: pg.Pool,
    batching: BatcherOptions = DEFAULT_JOIN_BATCHING,
  ) {
    super(db);
    const run = (dropId: string, batch: QueueEntry[]) => retrying(() => this.joinBatch(dropId, batch));
    this.joins = new KeyedBatcher(run, batching);
    this.arrivals = new KeyedBatcher(run, batching);
  }

  override join(entry: QueueEntry): Promise<Joined> {
    return (entry.rank === null ? this.joins : this.arrivals).add(entry.dropId, entry);
  }

  private async joinBatch(dropId: string, batch: QueueEntry[]): Promise<Joined[]> {
    const col = <T>(pick: (e: QueueEntry) => T) => batch.map(pick);
    const values = [dropId, col((e) => e.userId), col((e) => e.joinedAt), col((e) => e.rank)];
    const arrivals = batch.every((e) => e.rank !== null);
    const { rows } = await this.pool.query<Row>(
      arrivals ? { ...ARRIVALS_BATCH, values } : { ...JOIN_BATCH, values: [...values, AFTER_START] },
    );
    const ranks = new Map(rows.map((r) => [String(r.user_id), r.rank === null ? null : Number(r.rank)]));
    const others = batch.filter((e) => !ranks.has(e.userId)).map((e) => e.userId);
    const kept = new Map<string, QueueEntry>();
    if (others.length > 0) {
      const found = await this.pool.query<Row>({ ...ENTRIES, values: [dropId, others] });
      for (const r of found.rows) kept.set(String(r.user_id), toEntry(r));
    }
    // A user twice in one batch: the statement inserted the first; the second is a repeat of it.
    return batch.map((e) => {
      const stored = kept.get(e.userId);
      if (stored) return { entry: stored, created: false };
      if (!ranks.has(e.userId)) throw new Error(`the join of ${e.userId} to ${dropId} was neither stored nor found`);
      kept.set(e.userId, { ...e, rank: ranks.get(e.userId)! });
      return { entry: kept.get(e.userId)!, created: true };
    });
  }
}
