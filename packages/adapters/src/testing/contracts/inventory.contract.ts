import type { ReserveResult } from '@livedrops/core';
import { expect } from 'chai';
import { group, useHarness, type ContractOptions, type Harness } from '../harness.js';
import { fixtures } from './fixtures.js';

const okCount = (rs: ReserveResult[]) => rs.filter((r) => r.ok).length;

/** Inventory (TxContext.inventory): no oversell, per-user limits, and refusals that write nothing. */
export function inventoryContract(make: () => Promise<Harness>, opts: ContractOptions = {}): void {
  describe('Inventory', () => {
    const ctx = useHarness(make);

    it('reserves stock and reports what is left; refuses with the exact availability', async () => {
      const f = fixtures(ctx.h);
      const drop = await f.drop({ total: 5 });
      const buyer = await f.user();
      expect(await f.buy(drop, buyer.id, 3)).to.deep.equal({ ok: true, sold: 3, total: 5 });
      expect(await f.buy(drop, buyer.id, 4)).to.deep.equal({ ok: false, reason: 'insufficient_stock', available: 2 });
      expect(await f.buy(drop, buyer.id, 2)).to.deep.equal({ ok: true, sold: 5, total: 5 });
      expect(await f.buy(drop, buyer.id, 1)).to.deep.equal({ ok: false, reason: 'sold_out', available: 0 });
      expect(await ctx.h.raw.sold(drop.id)).to.equal(5);
    });

    it('refuses unknown and cancelled drops, whatever the limit', async () => {
      const f = fixtures(ctx.h);
      const drop = await f.drop({ total: 5, perUserLimit: 1 });
      const buyer = await f.user();
      const reserve = (dropId: string, quantity: number, perUserLimit: number | null) =>
        ctx.h.ports.uow.run((tx) => tx.inventory.reserve({ dropId, userId: buyer.id, quantity, perUserLimit }));
      expect(await reserve('nope', 1, null)).to.deep.equal({ ok: false, reason: 'not_found' });
      expect(await reserve('nope', 1, 3)).to.deep.equal({ ok: false, reason: 'not_found' });
      await ctx.h.ports.drops.cancel(drop.id, 1);
      expect(await reserve(drop.id, 1, null)).to.deep.equal({ ok: false, reason: 'cancelled' });
      expect(await reserve(drop.id, 2, 1)).to.deep.equal({ ok: false, reason: 'cancelled' });
      expect(await ctx.h.raw.tally(drop.id, buyer.id)).to.equal(0);
    });

    it('holds the per-user limit and says how much is still allowed', async () => {
      const f = fixtures(ctx.h);
      const drop = await f.drop({ total: 50, perUserLimit: 3 });
      const [a, b] = [await f.user(), await f.user()];
      expect(await f.buy(drop, a.id, 4)).to.deep.equal({
        ok: false,
        reason: 'purchase_limit_exceeded',
        remainingAllowance: 3,
      });
      expect((await f.buy(drop, a.id, 2)).ok).to.equal(true);
      expect(await f.buy(drop, a.id, 2)).to.deep.equal({
        ok: false,
        reason: 'purchase_limit_exceeded',
        remainingAllowance: 1,
      });
      expect((await f.buy(drop, a.id, 1)).ok).to.equal(true);
      expect(await f.buy(drop, a.id, 1)).to.deep.equal({
        ok: false,
        reason: 'purchase_limit_exceeded',
        remainingAllowance: 0,
      });
      expect((await f.buy(drop, b.id, 3)).ok).to.equal(true); // limits are per user
      expect(await ctx.h.raw.tally(drop.id, a.id)).to.equal(3);
      expect(await ctx.h.raw.sold(drop.id)).to.equal(6);
    });

    it('leaves the tally untouched when the stock step refuses (the caller still commits)', async () => {
      const f = fixtures(ctx.h);
      const drop = await f.drop({ total: 4, perUserLimit: 5 });
      const [a, b] = [await f.user(), await f.user()];
      expect((await f.buy(drop, a.id, 3)).ok).to.equal(true);
      expect(await f.buy(drop, a.id, 2)).to.deep.equal({ ok: false, reason: 'insufficient_stock', available: 1 });
      expect(await f.buy(drop, b.id, 2)).to.deep.equal({ ok: false, reason: 'insufficient_stock', available: 1 });
      expect(await ctx.h.raw.tally(drop.id, a.id)).to.equal(3);
      expect(await ctx.h.raw.tally(drop.id, b.id)).to.equal(0);
      expect((await f.buy(drop, b.id, 1)).ok).to.equal(true);
      expect(await f.buy(drop, a.id, 1)).to.deep.equal({ ok: false, reason: 'sold_out', available: 0 });
      expect(await ctx.h.raw.tally(drop.id, a.id)).to.equal(3);
      expect(await ctx.h.raw.tally(drop.id, b.id)).to.equal(1);
    });

    group('concurrency', opts, () => {
      it('sells exactly 100 of 1,000 concurrent single orders against stock 100', async () => {
        const f = fixtures(ctx.h);
        const drop = await f.drop({ total: 100 });
        const buyers = await Promise.all(Array.from({ length: 20 }, () => f.user()));
        const results = await Promise.all(Array.from({ length: 1000 }, (_, i) => f.buy(drop, buyers[i % 20]!.id, 1)));
        expect(okCount(results)).to.equal(100);
        const refusals = results.filter((r) => !r.ok);
        expect(refusals).to.have.length(900);
        for (const r of refusals) expect(r.reason).to.be.oneOf(['sold_out', 'insufficient_stock']);
        expect(await ctx.h.raw.sold(drop.id)).to.equal(100);
        expect(await ctx.h.raw.orderQuantitySum(drop.id)).to.equal(100);
        expect(await ctx.h.raw.orderCount(drop.id)).to.equal(100);
      });

      it('never oversells with mixed quantities: sold equals the order rows and never passes total', async () => {
        const f = fixtures(ctx.h);
        const drop = await f.drop({ total: 237 });
        const buyers = await Promise.all(Array.from({ length: 30 }, () => f.user()));
        const asks = Array.from({ length: 400 }, (_, i) => 1 + ((i * 7) % 5));
        const results = await Promise.all(asks.map((q, i) => f.buy(drop, buyers[i % 30]!.id, q)));
        const sold = await ctx.h.raw.sold(drop.id);
        expect(sold).to.be.at.most(237);
        expect(sold).to.equal(await ctx.h.raw.orderQuantitySum(drop.id));
        expect(sold).to.equal(asks.reduce((s, q, i) => s + (results[i]!.ok ? q : 0), 0));
        expect(sold).to.be.greaterThan(237 - 5); // refusals only happen near the end
        for (const [i, r] of results.entries()) {
          if (!r.ok && r.reason === 'insufficient_stock') expect(r.available).to.be.within(1, asks[i]! - 1);
        }
      });

      it('holds a per-user limit under 200 concurrent orders by the same user', async () => {
        const f = fixtures(ctx.h);
        const drop = await f.drop({ total: 100, perUserLimit: 3 });
        const [greedy, other] = [await f.user(), await f.user()];
        const results = await Promise.all(Array.from({ length: 200 }, () => f.buy(drop, greedy.id, 1)));
        expect(okCount(results)).to.equal(3);
        for (const r of results.filter((x) => !x.ok))
          expect(r).to.deep.equal({ ok: false, reason: 'purchase_limit_exceeded', remainingAllowance: 0 });
        expect(await ctx.h.raw.tally(drop.id, greedy.id)).to.equal(3);
        expect(await ctx.h.raw.orderQuantitySum(drop.id)).to.equal(3);
        expect((await f.buy(drop, other.id, 3)).ok).to.equal(true);
      });
    });
  });
}
