import type { IdempotencyRecord } from '@livedrops/core';
import { expect } from 'chai';
import type pg from 'pg';
import { createPgPool } from '../../src/postgres/pg-pool.js';
import { writeRecords } from '../../src/postgres/pg-record-batch.js';
import { describeEngine } from '../harness.js';
import { freshDatabase, rawQuery } from './pg-harness.js';

const refusal = (userId: string, key: string, at = 1): IdempotencyRecord => ({
  userId,
  key,
  fingerprint: '["d",1]',
  createdAt: at,
  outcome: { ok: false, error: { code: 'sold_out', message: 'Sold out', extensions: { available: 0 } } } as never,
});

// Refusals decided without stock are recorded many per statement, committed asynchronously:
// the setting must stay inside that statement's transaction, never reach the connection's
// next one (an order batch on the same pooled connection must wait for its WAL as before).
describeEngine('postgres')('postgres: refusal records in bulk', () => {
  let pool: pg.Pool;
  before(async () => {
    pool = createPgPool({ url: await freshDatabase(), max: 1 });
  });
  after(() => pool.end());

  it('writes each record once, answers a key recorded before with its first record, and leaves commits synchronous', async () => {
    const first = await writeRecords(pool, [refusal('u1', 'a'), refusal('u2', 'a'), refusal('u1', 'b')]);
    expect(first.map((r) => r.replayed)).to.deep.equal([false, false, false]);
    const again = await writeRecords(pool, [
      { ...refusal('u1', 'a', 99), fingerprint: '["other",2]' },
      refusal('u3', 'a'),
    ]);
    expect(again[0]).to.deep.include({ replayed: true });
    expect(again[0]!.replayed && again[0]!.record).to.include({ fingerprint: '["d",1]', createdAt: 1 });
    expect(again[1]).to.deep.include({ replayed: false });
    const rows = await rawQuery('SELECT user_id, key FROM idempotency_keys ORDER BY user_id, key');
    expect(rows.map((r) => `${String(r['user_id'])}/${String(r['key'])}`)).to.deep.equal([
      'u1/a',
      'u1/b',
      'u2/a',
      'u3/a',
    ]);
    // One connection (max 1): the statements above ran on it.
    expect((await pool.query('SHOW synchronous_commit')).rows[0].synchronous_commit).to.equal('on');
  });
});
