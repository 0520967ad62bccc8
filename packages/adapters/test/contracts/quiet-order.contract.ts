import { PlaceOrder, type Drop, type IdempotencyRecord, type OrderOutcome, type QuietWrites, type User } from '@livedrops/core';
import { expect } from 'chai';
import { MemoryIdempotencyLock } from '../../src/memory/memory-lock.js';
import { group, useHarness, type ContractOptions, type Harness } from '../harness.js';
import { fixtures, nextId } from './fixtures.js';

/**
 * Inventory's `ifQuiet`: an engine may commit an order's rows with the decrement itself,
 * but only an order that crosses no stock line, and a declined attempt leaves nothing
 * behind. Checked through the real PlaceOrder (what the engine must get right end to end)
 * and through the port directly (what it must refuse to record).
 */
export function quietOrderContract(make: () => Promise<Harness>, opts: ContractOptions = {}): void {
  describe('Inventory: orders offered whole (ifQuiet)', () => {
    const ctx = useHarness(make);
    const placeOrder = () =>
      new PlaceOrder({ uow: ctx.h.ports.uow, drops: ctx.h.ports.drops, idempotency: ctx.h.ports.idempotency, locks: new MemoryIdempotencyLock(ctx.h.clock), clock: ctx.h.clock, ids: { next: () => nextId('x') } });
    const place = (buyer: User, drop: Drop, quantity: number, key = nextId('k')) => placeOrder().execute(buyer, key, { dropId: drop.id, quantity });
    const types = async () => (await ctx.h.raw.outbox()).map((r) => r.type);
    /** The writes PlaceOrder would offer for this order, by hand. */
    const quiet = (buyer: User, drop: Drop, quantity: number, above: number, key = nextId('k')): QuietWrites => {
      const order = fixtures(ctx.h).order(drop, buyer.id, quantity);
      const outcome: OrderOutcome = { ok: true, order };
      const record: IdempotencyRecord = { userId: buyer.id, key, fingerprint: 'fp', outcome, createdAt: ctx.h.clock.now() };
      const events = [{ id: nextId('e'), type: 'order.confirmed' as const, dropId: drop.id, creatorId: drop.creatorId, userId: buyer.id, data: { orderId: order.id }, createdAt: order.createdAt }];
      return { above, order, events, record };
    };
    const reserveQuiet = (buyer: User, drop: Drop, q: QuietWrites) =>
      ctx.h.ports.uow.run((tx) => tx.inventory.reserve({ dropId: drop.id, userId: buyer.id, quantity: q.order.quantity, perUserLimit: drop.perUserLimit, ifQuiet: q }));

    it('stores each order once with exactly the events of the lines it crosses', async () => {
      const f = fixtures(ctx.h);
      const drop = await f.drop({ total: 10, lowStockThreshold: 3 });
      const buyer = await f.user();
      const first = await place(buyer, drop, 6, 'k-first');
      expect(first.outcome.ok).to.equal(true);
      expect((await place(buyer, drop, 6, 'k-first')).replayed).to.equal(true);
      expect((await place(buyer, drop, 1)).outcome.ok).to.equal(true); // 3 left: the low-stock line
      expect((await place(buyer, drop, 3)).outcome.ok).to.equal(true); // 0 left
      expect(await types()).to.deep.equal(['order.confirmed', 'order.confirmed', 'stock.low', 'order.confirmed', 'drop.sold_out']);
      expect([await ctx.h.raw.sold(drop.id), await ctx.h.raw.orderCount(drop.id), await ctx.h.raw.idempotencyCount()]).to.deep.equal([10, 3, 3]);
    });

    it('never records an order that leaves `above` units or fewer', async () => {
      const f = fixtures(ctx.h);
      const drop = await f.drop({ total: 10, lowStockThreshold: 3 });
      const buyer = await f.user();
      await place(buyer, drop, 6);
      const r = await reserveQuiet(buyer, drop, quiet(buyer, drop, 1, 3));
      expect(r.ok && r.recorded).to.not.equal(true);
      expect(r).to.deep.include({ ok: true, sold: 7, total: 10 });
      expect([await ctx.h.raw.orderCount(drop.id), await ctx.h.raw.idempotencyCount()]).to.deep.equal([1, 1]);
    });

    it('a declined attempt leaves nothing: over the limit, stock refused after the tally, a key already taken', async () => {
      const f = fixtures(ctx.h);
      const limited = await f.drop({ total: 50, perUserLimit: 2, lowStockThreshold: 0 });
      const [a, b] = [await f.user(), await f.user()];
      expect(await reserveQuiet(a, limited, quiet(a, limited, 3, 0))).to.deep.equal({ ok: false, reason: 'purchase_limit_exceeded', remainingAllowance: 2 });
      expect((await place(a, limited, 2)).outcome.ok).to.equal(true);
      expect(await reserveQuiet(a, limited, quiet(a, limited, 1, 0))).to.deep.equal({ ok: false, reason: 'purchase_limit_exceeded', remainingAllowance: 0 });
      expect(await ctx.h.raw.tally(limited.id, a.id)).to.equal(2);

      const small = await f.drop({ total: 5, perUserLimit: 10, lowStockThreshold: 0 });
      expect((await place(b, small, 5)).outcome.ok).to.equal(true);
      expect(await reserveQuiet(a, small, quiet(a, small, 1, 0))).to.deep.equal({ ok: false, reason: 'sold_out', available: 0 });
      expect(await ctx.h.raw.tally(small.id, a.id)).to.equal(0);

      // The key is taken: not recorded; the caller's own save then fails and nothing commits.
      const big = await f.drop({ total: 50, lowStockThreshold: 0 });
      const taken = quiet(b, big, 1, 0, 'k-taken');
      await ctx.h.ports.uow.run((tx) => tx.idempotency.save({ ...taken.record, outcome: { ok: true, order: f.order(big, b.id) } }));
      const failed = await ctx.h.ports.uow
        .run(async (tx) => {
          const r = await tx.inventory.reserve({ dropId: big.id, userId: b.id, quantity: 1, perUserLimit: null, ifQuiet: taken });
          expect(r.ok && r.recorded).to.not.equal(true);
          await tx.idempotency.save(taken.record);
        })
        .then(() => null, (e: unknown) => e);
      expect((failed as { code?: string } | null)?.code).to.equal('idempotency_key_in_use');
      expect([await ctx.h.raw.sold(big.id), await ctx.h.raw.orderCount(big.id)]).to.deep.equal([0, 0]);
      expect([await ctx.h.raw.orderCount(limited.id), await ctx.h.raw.orderCount(small.id)]).to.deep.equal([1, 1]);
    });

    group('concurrency', opts, () => {
      it('1,000 concurrent orders against stock 100: 100 orders, one stock.low, one drop.sold_out', async () => {
        const f = fixtures(ctx.h);
        const drop = await f.drop({ total: 100, lowStockThreshold: 10 });
        const buyers = await Promise.all(Array.from({ length: 20 }, () => f.user()));
        const results = await Promise.all(Array.from({ length: 1000 }, (_, i) => place(buyers[i % 20]!, drop, 1)));
        expect(results.filter((r) => r.outcome.ok)).to.have.length(100);
        expect([await ctx.h.raw.sold(drop.id), await ctx.h.raw.orderCount(drop.id), await ctx.h.raw.idempotencyCount()]).to.deep.equal([100, 100, 1000]);
        const t = await types();
        expect(t.filter((x) => x === 'order.confirmed')).to.have.length(100);
        expect(t.filter((x) => x === 'stock.low')).to.have.length(1);
        expect(t.filter((x) => x === 'drop.sold_out')).to.have.length(1);
      });
    });
  });
}
