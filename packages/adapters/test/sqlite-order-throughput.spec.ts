import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlaceOrder, UnitOfWorkOrderBook, type User } from '@livedrops/core';
import { expect } from 'chai';
import { MemoryIdempotencyLock } from '../src/memory/memory-lock.js';
import { createSqliteAdapters } from '../src/sqlite/create-sqlite-adapters.js';
import { FakeClock } from '../src/system/clocks.js';
import { UuidV7 } from '../src/system/uuid-v7.js';
import { fixtures } from '../src/testing/contracts/fixtures.js';
import { describeEngine } from './harness.js';

// The order hot path end to end (PlaceOrder: idempotency lookup, then reserve + order +
// outbox + idempotency record in one unit of work) on a WAL file, as `serve` runs it.
// Measured here at 6-10k orders/s with 200 in flight on a quiet machine, down to ~1.3k
// while other processes held both cores; the floor only catches a collapse (a unit stuck
// waiting for a timer or the pool, knex back on the hot path), not a slowdown.
const ATTEMPTS = 4000;
const STOCK = 3000;
const IN_FLIGHT = 200;
const FLOOR_PER_SECOND = 300;

describeEngine('sqlite')('sqlite order hot path', () => {
  it(`places ${ATTEMPTS} orders through PlaceOrder, ${IN_FLIGHT} in flight, without oversell and fast`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'livedrops-hot-'));
    const clock = new FakeClock();
    const ports = await createSqliteAdapters({ filename: join(dir, 'hot.db'), clock });
    try {
      const h = { ports, clock, raw: undefined as never, close: async () => undefined };
      const f = fixtures(h);
      const drop = await f.drop({ total: STOCK, perUserLimit: 50 });
      const buyers: User[] = await Promise.all(Array.from({ length: 100 }, () => f.user()));
      const placeOrder = new PlaceOrder({
        ...ports,
        book: new UnitOfWorkOrderBook(ports),
        clock,
        ids: new UuidV7(),
        locks: new MemoryIdempotencyLock(clock),
      });
      const outcomes = new Map<string, number>();
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: IN_FLIGHT }, async () => {
          for (let i = next++; i < ATTEMPTS; i = next++) {
            const { outcome } = await placeOrder.execute(buyers[i % buyers.length]!, `key-${i}`, {
              dropId: drop.id,
              quantity: 1,
            });
            const code = outcome.ok ? 'ok' : outcome.error.code;
            outcomes.set(code, (outcomes.get(code) ?? 0) + 1);
          }
        }),
      );
      const perSecond = Math.round(ATTEMPTS / ((performance.now() - started) / 1000));
      console.log(`      ${perSecond} orders/s (${JSON.stringify(Object.fromEntries(outcomes))})`);
      expect(outcomes.get('ok')).to.equal(STOCK);
      expect(await ports.orders.soldQuantity(drop.id)).to.equal(STOCK);
      expect((await ports.drops.findById(drop.id))?.sold).to.equal(STOCK);
      expect(perSecond).to.be.greaterThan(FLOOR_PER_SECOND);
    } finally {
      await ports.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
