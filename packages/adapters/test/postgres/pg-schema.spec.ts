import { expect } from 'chai';
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
