import type { OutboxEntry, OutboxRelayStore } from '@livedrops/core';
import type pg from 'pg';
import { toEvent, type Row } from '../knex/knex-rows.js';
import { SEQUENCE_PASS } from './pg-outbox-sequencer.js';

// A claim whose holder hangs (not crashes: then the connection closes) is given up by the
// server after this long, and its rows go to another instance.
const CLAIM_TIMEOUT = "SET LOCAL idle_in_transaction_session_timeout = '60s'";
// Positioned, unpublished rows in position order; rows another instance has claimed are
// skipped, not waited for, so several instances relay side by side.
const claimSql = (limit: number) => `SELECT * FROM outbox WHERE published_at IS NULL AND seq IS NOT NULL
  ORDER BY seq LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
// The first publication's time stands when a retry publishes a row again.
const markSql = (at: number, seqs: number[]) => `UPDATE outbox SET published_at = ${at}
  WHERE seq = ANY('{${seqs.join(',')}}'::int8[]) AND published_at IS NULL`;
const OLDEST = 'SELECT MIN(created_at) AS oldest FROM outbox WHERE published_at IS NULL';
const integers = (xs: number[]) => xs.every((x) => Number.isSafeInteger(x));

/**
 * The relay's side of the outbox on Postgres. `pending` first positions what has committed
 * (a pass of the sequencer, pg-outbox-sequencer.ts), then claims a batch with FOR UPDATE
 * SKIP LOCKED in a transaction that stays open until `markPublished` commits it: while one instance publishes a batch,
 * the others take the next rows instead, and if it dies its claim dies with its
 * connection. At least once: a batch whose mark fails (or whose publish failed, so the
 * next `pending` rolls the claim back) is published again; consumers dedupe by event id.
 */
export class PgOutboxRelayStore implements OutboxRelayStore {
  private claim: pg.PoolClient | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly pool: pg.Pool) {}

  pending(limit: number): Promise<OutboxEntry[]> {
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`limit ${limit}`);
    return this.serial(async () => {
      await this.endClaim('ROLLBACK');
      const client = await this.pool.connect();
      try {
        // One round trip (simple protocol, numbers inlined): a sequencing pass, then the claim.
        const results = (await client.query(
          `${SEQUENCE_PASS}; BEGIN; ${CLAIM_TIMEOUT}; ${claimSql(limit)}`,
        )) as unknown as pg.QueryResult[];
        const rows = (results.at(-1)?.rows ?? []) as Row[];
        if (rows.length === 0) {
          await client.query('COMMIT');
          client.release();
        } else {
          this.claim = client;
        }
        return rows.map((r) => ({ seq: Number(r.seq), event: toEvent(r) }));
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        client.release(e as Error);
        throw e;
      }
    });
  }

  markPublished(seqs: number[], at: number): Promise<void> {
    if (seqs.length === 0) return Promise.resolve();
    if (!integers([...seqs, at])) throw new RangeError('positions and times are integers');
    return this.serial(async () => {
      if (!this.claim) {
        await this.pool.query(markSql(at, seqs));
        return;
      }
      const client = this.claim;
      this.claim = undefined;
      try {
        await client.query(`${markSql(at, seqs)}; COMMIT`);
        client.release();
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        client.release(e as Error);
        throw e;
      }
    });
  }

  async lag(now: number): Promise<number> {
    const row = (await this.pool.query(OLDEST)).rows[0] as Row | undefined;
    const oldest = row?.oldest;
    return oldest === null || oldest === undefined ? 0 : Math.max(0, now - Number(oldest));
  }

  /** Gives back an open claim (at shutdown). */
  close(): Promise<void> {
    return this.serial(() => this.endClaim('ROLLBACK'));
  }

  private async endClaim(how: 'COMMIT' | 'ROLLBACK'): Promise<void> {
    const client = this.claim;
    if (!client) return;
    this.claim = undefined;
    try {
      await client.query(how);
      client.release();
    } catch (e) {
      client.release(e as Error);
      if (how === 'COMMIT') throw e;
    }
  }

  /** One claim per store: calls run one after another. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
