import type pg from 'pg';

// One advisory lock key for the whole database: only its holder hands out positions.
const LOCK_KEY = 7_460_301_985; // arbitrary, fixed: the outbox sequencer
/** Rows one pass positions: each pass is one short transaction. */
export const SEQUENCE_BATCH = 5_000;

/**
 * One sequencing pass as a single simple-protocol round trip (no parameters): the lock is
 * taken by its own statement, so the UPDATE's snapshot (READ COMMITTED: one per statement)
 * is taken after it. Positions continue after the highest one given (a unique index makes
 * MAX a single seek), in insert order among the rows that snapshot sees. A pass with
 * nothing to do writes nothing, so its COMMIT waits for no WAL flush. Results: [BEGIN,
 * lock, UPDATE, COMMIT]; the UPDATE's row count says how many were positioned.
 */
export const SEQUENCE_PASS = `BEGIN; SELECT pg_advisory_xact_lock(${LOCK_KEY});
  WITH next AS (
    SELECT row_id, (SELECT COALESCE(MAX(seq), 0) FROM outbox) + row_number() OVER (ORDER BY row_id) AS pos
    FROM outbox WHERE seq IS NULL ORDER BY row_id LIMIT ${SEQUENCE_BATCH})
  UPDATE outbox o SET seq = next.pos FROM next WHERE o.row_id = next.row_id;
  COMMIT`;

/**
 * Gives committed outbox rows their position (`seq`) in the order they became visible.
 *
 * A sequence number taken at insert is not commit order on Postgres: transaction A takes 7,
 * B takes 8, B commits, a reader resumes after 8, then A commits 7 behind it and the reader
 * never sees it. Here positions are handed out only by the holder of an advisory lock,
 * after commit, to the rows its statement can see, each batch above every position given
 * before. The holder commits before it lets go of the lock, so the next holder's snapshot
 * (taken after it got the lock) sees every earlier position: a position, once visible, is
 * never followed by a smaller one. That is what lets inboxes, cursors and stream resumes
 * read "everything after position p" and miss nothing. The relay runs a pass before each
 * claim (pg-outbox-relay.ts); `catchUp` is for a reader that cannot wait for it.
 */
export class PgOutboxSequencer {
  constructor(private readonly pool: pg.Pool) {}

  /** Positions every row committed before this call, waiting for another holder if need be; returns how many. */
  async catchUp(): Promise<number> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    let positioned = 0;
    try {
      for (;;) {
        const results = (await client.query(SEQUENCE_PASS)) as unknown as pg.QueryResult[];
        const n = results[2]?.rowCount ?? 0;
        positioned += n;
        if (n < SEQUENCE_BATCH) return positioned;
      }
    } catch (e) {
      await client.query('ROLLBACK').catch((err: Error) => (broken = err));
      throw e;
    } finally {
      client.release(broken);
    }
  }
}
