import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DomainError } from '@livedrops/core';
import { expect } from 'chai';
import { migrationSource } from '../src/knex/migrations/index.js';
import { createSqliteAdapters, migrateSqlite } from '../src/sqlite/create-sqlite-adapters.js';
import { FakeClock } from '../src/system/clocks.js';
import { fixtures } from '../src/testing/contracts/fixtures.js';
import { event } from '../src/testing/contracts/unit-of-work.contract.js';
import { describeEngine, type Harness } from './harness.js';
import { ALL_MIGRATIONS } from './migration-names.js';
import { sqlRawState } from '../src/testing/contracts/raw-state.js';

/** SQLite specifics the port contracts cannot see: migrations from dist, pragmas, driver failures. */
describeEngine('sqlite')('sqlite engine', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'livedrops-sqlite-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function open(): Promise<Harness & { ports: Awaited<ReturnType<typeof createSqliteAdapters>> }> {
    const clock = new FakeClock();
    const ports = await createSqliteAdapters({ filename: join(dir, 'live.db'), clock });
    const raw = sqlRawState(
      async (sql, ...params) => (await ports.knex.raw(sql, params as string[])) as Record<string, unknown>[],
    );
    return { ports, clock, raw, close: () => ports.close() };
  }

  it('runs the compiled migrations on a fresh file, once', async () => {
    expect(fileURLToPath(import.meta.url)).to.match(/[/\\]dist[/\\]test[/\\]/);
    const file = join(dir, 'fresh.db');
    expect(await migrateSqlite(file)).to.deep.equal(ALL_MIGRATIONS);
    expect(existsSync(file)).to.equal(true);
    expect(await migrateSqlite(file)).to.deep.equal([]);
    const migrations = await migrationSource.getMigrations([]);
    for (const m of migrations) expect(m.down, m.name).to.be.a('function');
  });

  it('opens WAL with foreign keys, a busy timeout and NORMAL sync', async () => {
    const h = await open();
    try {
      const pragma = async (name: string) =>
        Object.values(((await h.ports.knex.raw(`PRAGMA ${name}`)) as Record<string, unknown>[])[0]!)[0];
      expect(await pragma('journal_mode')).to.equal('wal');
      expect(await pragma('foreign_keys')).to.equal(1);
      expect(await pragma('busy_timeout')).to.equal(5000);
      expect(await pragma('synchronous')).to.equal(1);
      await h.ports.ping();
    } finally {
      await h.close();
    }
    expect(
      await h.ports.ping().then(
        () => 'up',
        () => 'down',
      ),
    ).to.equal('down');
  });

  it('leaves nothing when a statement fails mid-transaction, and surfaces no domain error', async () => {
    const h = await open();
    try {
      const f = fixtures(h);
      const drop = await f.drop({ total: 5, perUserLimit: 3 });
      const buyer = await f.user();
      const taken = event(drop);
      await h.ports.uow.run((tx) => tx.outbox.append([taken]));
      const err = await h.ports.uow
        .run(async (tx) => {
          await tx.inventory.reserve({ dropId: drop.id, userId: buyer.id, quantity: 2, perUserLimit: 3 });
          await tx.orders.insert(f.order(drop, buyer.id, 2));
          await tx.outbox.append([event(drop), taken]); // the second violates the unique event id
        })
        .catch((e: unknown) => e);
      expect(err).to.be.instanceOf(Error);
      expect(err).to.not.be.instanceOf(DomainError); // an internal failure: HTTP shows a bare 500
      expect(await h.raw.sold(drop.id)).to.equal(0);
      expect(await h.raw.tally(drop.id, buyer.id)).to.equal(0);
      expect(await h.raw.orderCount(drop.id)).to.equal(0);
      expect(await h.raw.outbox()).to.have.length(1);
      expect((await f.buy(drop, buyer.id, 3)).ok).to.equal(true);
    } finally {
      await h.close();
    }
  });

  it('lets the CHECK constraint stop an oversell that slipped past the conditional update', async () => {
    const h = await open();
    try {
      const drop = await fixtures(h).drop({ total: 2 });
      const err = await h.ports
        .knex('drops')
        .where({ id: drop.id })
        .update({ sold: 3 })
        .catch((e: unknown) => e);
      expect((err as { code?: string }).code).to.equal('SQLITE_CONSTRAINT_CHECK');
      expect(await h.raw.sold(drop.id)).to.equal(0);
    } finally {
      await h.close();
    }
  });
});
