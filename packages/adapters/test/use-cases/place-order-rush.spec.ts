import { PlaceOrder, type User } from '@livedrops/core';
import { bookOf } from '../../src/testing/contracts/order-book.contract.js';
import { expect } from 'chai';
import { MemoryIdempotencyLock } from '../../src/memory/memory-lock.js';
import { UuidV7 } from '../../src/system/uuid-v7.js';
import { fixtures } from '../../src/testing/contracts/fixtures.js';
import { selectedAdapters, useHarness } from '../harness.js';

// PlaceOrder end to end on every engine (idempotency lookup, then reserve, order, outbox and
// idempotency record in one unit of work): the contract suites cover the unit of work alone.
for (const a of selectedAdapters()) {
  describe(`${a.name}: PlaceOrder under a rush`, () => {
    const ctx = useHarness(a.make);

    it('1,000 concurrent orders against a stock of 100 confirm exactly 100', async () => {
      const h = ctx.h;
      const f = fixtures(h);
      const drop = await f.drop({ total: 100, lowStockThreshold: 10 });
      const buyers: User[] = await Promise.all(Array.from({ length: 50 }, () => f.user()));
      const placeOrder = new PlaceOrder({
        ...h.ports,
        book: bookOf(h),
        clock: h.clock,
        ids: new UuidV7(),
        locks: new MemoryIdempotencyLock(h.clock),
      });
      const results = await Promise.all(
        Array.from({ length: 1000 }, (_, i) =>
          placeOrder.execute(buyers[i % buyers.length]!, `rush-${i}`, { dropId: drop.id, quantity: 1 }),
        ),
      );
      const codes = new Map<string, number>();
      for (const r of results) {
        const code = r.outcome.ok ? 'confirmed' : r.outcome.error.code;
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
      expect(Object.fromEntries(codes)).to.deep.equal({ confirmed: 100, sold_out: 900 });
      expect(await h.raw.sold(drop.id)).to.equal(100);
      expect(await h.raw.orderCount(drop.id)).to.equal(100);
      expect(await h.raw.orderQuantitySum(drop.id)).to.equal(100);
      expect(await h.raw.idempotencyCount()).to.equal(1000);
      const types = (await h.raw.outbox()).map((o) => o.type);
      expect(types.filter((t) => t === 'order.confirmed')).to.have.length(100);
      expect(types.filter((t) => t === 'stock.low')).to.have.length(1);
      expect(types.filter((t) => t === 'drop.sold_out')).to.have.length(1);
      expect((await h.ports.drops.findById(drop.id))?.sold).to.equal(100);
    });
  });
}
