import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlaceOrder, UnavailableError, UnitOfWorkOrderBook, type User } from '@livedrops/core';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import type { Instrumentation } from '../src/instrumentation.js';
import { MemoryIdempotencyLock } from '../src/memory/memory-lock.js';
import { createSqliteAdapters } from '../src/sqlite/create-sqlite-adapters.js';
import { SqliteCheckpointer } from '../src/sqlite/sqlite-checkpointer.js';
import { createSqliteKnex } from '../src/sqlite/sqlite-knex.js';
import { FakeClock } from '../src/system/clocks.js';
import { UuidV7 } from '../src/system/uuid-v7.js';
import { fixtures } from '../src/testing/contracts/fixtures.js';
import { describeEngine } from './harness.js';

/** Counts what the adapters report. */
function recorder() {
  const seen = { stockDecrement: [] as number[], lockWait: [] as number[], busy: 0 };
  const instrumentation: Instrumentation = {
    stockDecrement: (s) => void seen.stockDecrement.push(s),
    lockWait: (s) => void seen.lockWait.push(s),
    busy: () => void seen.busy++,
  };
  return { seen, instrumentation };
}

/** The reader connection, the instrumentation and the checkpoint thread of a WAL file. */
describeEngine('sqlite')('sqlite connections', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'livedrops-conn-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function open(instrumentation?: Instrumentation) {
    const clock = new FakeClock();
    const ports = await createSqliteAdapters({ filename: join(dir, 'c.db'), clock, instrumentation });
    const h = { ports, clock, raw: undefined as never, close: () => ports.close() };
    return { ...h, f: fixtures(h) };
  }

  it('reads inside a unit of work see its own writes; reads outside see only what committed', async () => {
    const h = await open();
    try {
      const drop = await h.f.drop({ total: 5 });
      const buyer = await h.f.user();
      let inside: number | undefined;
      // A read from elsewhere (another request) while the transaction is open.
      let open!: () => void;
      const outside = new Promise<void>((resolve) => (open = resolve)).then(
        async () => (await h.ports.drops.findById(drop.id))?.sold,
      );
      await h.ports.uow.run(async (tx) => {
        await tx.inventory.reserve({ dropId: drop.id, userId: buyer.id, quantity: 2, perUserLimit: null });
        inside = (await h.ports.drops.findById(drop.id))?.sold;
        open();
        await outside;
      });
      expect([inside, await outside]).to.deep.equal([2, 0]);
      expect((await h.ports.drops.findById(drop.id))?.sold).to.equal(2);
    } finally {
      await h.close();
    }
  });

  it('freshness: once an order is answered, every later read of the drop shows its stock taken', async () => {
    const h = await open();
    try {
      const drop = await h.f.drop({ total: 400 });
      const buyers: User[] = await Promise.all(Array.from({ length: 20 }, () => h.f.user()));
      const placeOrder = new PlaceOrder({
        ...h.ports,
        book: new UnitOfWorkOrderBook(h.ports),
        clock: h.clock,
        ids: new UuidV7(),
        locks: new MemoryIdempotencyLock(h.clock),
      });
      let confirmed = 0;
      const stale: string[] = [];
      await Promise.all(
        Array.from({ length: 500 }, async (_, i) => {
          const { outcome } = await placeOrder.execute(buyers[i % buyers.length]!, `fresh-${i}`, {
            dropId: drop.id,
            quantity: 1,
          });
          if (!outcome.ok) return;
          const answered = ++confirmed;
          const seen = await h.ports.drops.findById(drop.id);
          if (!seen || seen.sold < answered) stale.push(`${seen?.sold} < ${answered}`);
        }),
      );
      expect(stale).to.deep.equal([]);
      expect(confirmed).to.equal(400);
    } finally {
      await h.close();
    }
  });

  it('reports the reserve time and each unit of work’s wait for the writer', async () => {
    const { seen, instrumentation } = recorder();
    const h = await open(instrumentation);
    try {
      const drop = await h.f.drop({ total: 5 });
      const buyer = await h.f.user();
      const before = seen.lockWait.length;
      await Promise.all([h.f.buy(drop, buyer.id), h.f.buy(drop, buyer.id), h.f.buy(drop, buyer.id)]);
      expect(seen.stockDecrement).to.have.length(3);
      expect(seen.lockWait.length - before).to.equal(3);
      for (const s of [...seen.stockDecrement, ...seen.lockWait]) expect(s).to.be.within(0, 5);
    } finally {
      await h.close();
    }
  });

  it('answers unavailable and counts SQLITE_BUSY when another process holds the write lock', async () => {
    const { seen, instrumentation } = recorder();
    const h = await open(instrumentation);
    const other = new Database(join(dir, 'c.db'));
    try {
      const drop = await h.f.drop({ total: 5 });
      const buyer = await h.f.user();
      await h.ports.knex.raw('PRAGMA busy_timeout = 20');
      other.prepare('BEGIN IMMEDIATE').run();
      const err = await h.f.buy(drop, buyer.id).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(UnavailableError);
      expect(seen.busy).to.equal(1);
      other.prepare('ROLLBACK').run();
      expect((await h.f.buy(drop, buyer.id)).ok).to.equal(true);
    } finally {
      other.close();
      await h.close();
    }
  });

  it('checkpoints in a thread and makes the log start over under steady writes', async () => {
    const file = join(dir, 'ckpt.db');
    const knex = createSqliteKnex(file);
    const checkpointer = new SqliteCheckpointer(file, knex, { intervalMs: 2, restartFrames: 64 });
    try {
      await knex.schema.createTable('t', (t) => {
        t.increments('id');
        t.text('v');
      });
      checkpointer.start();
      await checkpointer.ready();
      const pad = 'x'.repeat(3000); // about one page per row
      // The log's length in frames (mxFrame), read from the wal-index header without taking
      // part: a checkpoint run to ask would itself let the log restart.
      const logFrames = () => readFileSync(`${file}-shm`).readUInt32LE(16);
      let maxFrames = 0;
      for (let i = 0; i < 400; i++) {
        await knex('t').insert({ v: pad });
        if (i % 10 === 0) {
          await new Promise((r) => setTimeout(r, 3));
          maxFrames = Math.max(maxFrames, logFrames());
        }
      }
      // 400 one-page commits without a restart leave a log of 400+ frames; restarts keep it near 64.
      expect(maxFrames).to.be.below(250);
      await checkpointer.stop();
      expect(((await knex('t').count({ n: '*' })) as Array<{ n: number }>)[0]!.n).to.equal(400);
    } finally {
      await checkpointer.stop();
      await knex.destroy();
    }
  });
});
