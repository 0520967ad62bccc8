import type { AttemptResult, IdempotencyRecord, OrderOutcome } from '@livedrops/core';
import type pg from 'pg';

// Answers reached without stock (sold out by the gate, a drop not live), many per
// statement. A key already recorded keeps its first record, which is answered instead.
// Committed asynchronously (set_config with is_local: this transaction only): the caller
// is answered once the rows are written, not once their WAL is on disk. A PostgreSQL crash
// can lose the last fraction of a second of these refusals (never an order, never a unit);
// a replay of a lost one is decided again, as a Redis-held record lost with Redis would be.
const RECORDS = {
  name: 'ld_record_batch_async',
  text: `WITH x AS (SELECT x.* FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::int8[]) WITH ORDINALITY AS x(u, k, f, o, at, i),
      (SELECT set_config('synchronous_commit', 'off', true)) AS async),
    ins AS (INSERT INTO idempotency_keys (user_id, key, fingerprint, outcome, created_at) SELECT u, k, f, o, at FROM x
      ON CONFLICT (user_id, key) DO NOTHING RETURNING user_id, key)
    SELECT (ins.user_id IS NOT NULL) AS kept FROM x LEFT JOIN ins ON ins.user_id = x.u AND ins.key = x.k ORDER BY x.i`,
};
const PRIOR = {
  name: 'ld_record_prior',
  text: 'SELECT fingerprint, outcome, created_at FROM idempotency_keys WHERE user_id = $1 AND key = $2',
};

/** Writes the records in one statement; each answer is its own record, or the one found under its key. */
export async function writeRecords(pool: pg.Pool, batch: IdempotencyRecord[]): Promise<AttemptResult[]> {
  const col = <T>(pick: (r: IdempotencyRecord) => T) => batch.map(pick);
  const { rows } = await pool.query<{ kept: boolean }>({
    ...RECORDS,
    values: [
      col((r) => r.userId),
      col((r) => r.key),
      col((r) => r.fingerprint),
      col((r) => JSON.stringify(r.outcome)),
      col((r) => r.createdAt),
    ],
  });
  return Promise.all(
    batch.map(async (r, i): Promise<AttemptResult> => {
      if (rows[i]!.kept) return { replayed: false, outcome: r.outcome };
      // Rare: the key was recorded by an earlier request (or another instance) first.
      const prior = (
        await pool.query<{ fingerprint: string; outcome: string; created_at: number }>({
          ...PRIOR,
          values: [r.userId, r.key],
        })
      ).rows[0];
      if (!prior) throw new Error('an idempotency record that conflicted is gone');
      const outcome = JSON.parse(prior.outcome) as OrderOutcome;
      return {
        replayed: true,
        record: { ...r, fingerprint: prior.fingerprint, outcome, createdAt: Number(prior.created_at) },
      };
    }),
  );
}
