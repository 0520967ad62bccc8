import { expect } from 'chai';
import pg from 'pg';
import { loadConfig } from '../../src/config.js';
import { migrateDatabase } from '../../src/container.js';
import { migratePostgres } from '../../src/postgres/create-postgres-adapters.js';
import { FakeClock } from '../../src/system/clocks.js';
import { selectedAdapters } from '../harness.js';
import { describePostgres, freshDatabase, rawQuery } from './pg-harness.js';
import { pgFixtures, pgInstance } from './pg-instances.js';
import { ALL_MIGRATIONS } from '../migration-names.js';
import { createTestDatabase } from '@livedrops/test-support';

describePostgres(selectedAdapters())('postgres: schema', () => {
  it('migrates an empty database once, even with three instances starting together', async function () {
    this.timeout(30_000);
    const db = await createTestDatabase();
    try {
      const applied = await Promise.all([1, 2, 3].map(() => migratePostgres(db.url)));
      expect(applied.flat()).to.deep.equal(ALL_MIGRATIONS); // one did the work, the others waited and found none
      expect(await migrateDatabase(loadConfig({ DATABASE_URL: db.url }))).to.deep.equal([]); // `livedrops migrate`
    } finally {
      await db.drop();
    }
  });

  it('has the Postgres column types: identity insert order, nullable position, jsonb, bigint times', async () => {
    await freshDatabase();
    const cols =
      await rawQuery(`SELECT table_name || '.' || column_name AS c, data_type AS t FROM information_schema.columns
      WHERE table_schema = current_schema() AND (column_name IN ('row_id', 'seq', 'data', 'outcome') OR column_name LIKE '%\\_at')
      ORDER BY 1`);
    const types = Object.fromEntries(cols.map((r) => [r.c, r.t]));
    expect(types).to.include({
      'outbox.row_id': 'bigint',
      'outbox.seq': 'bigint',
      'outbox.data': 'jsonb',
      'idempotency_keys.outcome': 'jsonb',
      'inbox.seq': 'bigint',
    });
    for (const [c, t] of Object.entries(types)) if (c.endsWith('_at')) expect(t, c).to.equal('bigint');
  });

  it('plans the order batch by key on a table whose statistics are stale', async function () {
    this.timeout(30_000);
    const db = await createTestDatabase();
    await migratePostgres(db.url);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const fn = await client.query(`SELECT proconfig FROM pg_proc WHERE proname = 'livedrops_order_batch_v2'`);
      const settings = (fn.rows[0]?.proconfig ?? []) as string[];
      expect(settings).to.include('enable_seqscan=off');
      await client.query(`INSERT INTO users (id, handle, display_name, is_creator, password_hash, created_at)
        SELECT 'pu' || g, 'pu' || g, 'u', false, 'x', 1 FROM generate_series(1, 3000) g`);
      // Statistics taken at 50 records, then thousands more: a young table between ANALYZEs.
      const records = (from: number, to: number) =>
        client.query(`INSERT INTO idempotency_keys (user_id, key, fingerprint, outcome, created_at)
          SELECT 'pu' || g, 'k' || g, 'f', '{}', 1 FROM generate_series(${from}, ${to}) g`);
      await records(1, 50);
      await client.query('ANALYZE idempotency_keys');
      await records(51, 3000);
      // The batch's lookup of 20 callers' earlier answers, under the function's settings, takes
      // the primary key (with the defaults the planner hashes the whole table).
      for (const setting of settings) await client.query(`SET ${setting.replace('=', ' = ')}`);
      const plan = await client.query(`EXPLAIN SELECT ik.fingerprint
        FROM unnest(array_fill('pu1'::text, ARRAY[20]), array_fill('k1'::text, ARRAY[20])) AS x(u, key)
        JOIN idempotency_keys ik ON ik.user_id = x.u AND ik.key = x.key`);
      const text = plan.rows.map((r: Record<string, unknown>) => String(r['QUERY PLAN'])).join('\n');
      expect(text).to.match(/Index Scan using idempotency_keys_pkey/);
      expect(text).not.to.match(/Seq Scan on idempotency_keys/);
    } finally {
      await client.end();
      await db.drop();
    }
  });

  it('refuses an oversell and other impossible rows even from a writer that skips the adapters', async () => {
    const url = await freshDatabase();
    const clock = new FakeClock();
    const { data } = await pgInstance(url, clock);
    try {
      const f = pgFixtures(data, clock);
      const drop = await f.drop({ total: 5 });
      const violation = (sql: string, ...params: unknown[]) =>
        rawQuery(sql, ...params).then(
          () => 'accepted',
          (e: { code?: string; constraint?: string }) => `${e.code} ${e.constraint}`,
        );
      expect(await violation('UPDATE drops SET sold = 6 WHERE id = ?', drop.id)).to.equal(
        '23514 drops_sold_within_total',
      );
      expect(await violation('UPDATE drops SET sold = -1 WHERE id = ?', drop.id)).to.equal(
        '23514 drops_sold_within_total',
      );
      expect(await violation('UPDATE drops SET ends_at = starts_at WHERE id = ?', drop.id)).to.equal(
        '23514 drops_window_ordered',
      );
      expect(await violation("INSERT INTO drop_buyers VALUES (?, 'u', 0)", drop.id)).to.equal(
        '23514 drop_buyers_quantity_positive',
      );
      const order = f.order(drop, (await f.user()).id, 2);
      expect(
        await violation(
          `INSERT INTO orders (id, user_id, drop_id, quantity, unit_price_cents, total_cents, currency, status, created_at)
        VALUES (?, ?, ?, 2, 100, 201, 'EUR', 'confirmed', 1)`,
          order.id,
          order.userId,
          drop.id,
        ),
      ).to.equal('23514 orders_total_is_price_times_quantity');
    } finally {
      await data.close();
    }
  });
});
