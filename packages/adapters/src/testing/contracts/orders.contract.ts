import type { Cursor, Order } from '@livedrops/core';
import { expect } from 'chai';
import { useHarness, type ContractOptions, type Harness } from '../harness.js';
import { fixtures, ids } from './fixtures.js';

/** OrderRepository (and TxContext.orders): reading a user's orders, summing a drop's. */
export function ordersContract(make: () => Promise<Harness>, _opts: ContractOptions = {}): void {
  describe('OrderRepository', () => {
    const ctx = useHarness(make);

    it('finds an inserted order exactly as written; null for unknown ids', async () => {
      const f = fixtures(ctx.h);
      const drop = await f.drop();
      const order = f.order(drop, (await f.user()).id, 4, 1_700_000_000_001);
      await ctx.h.ports.uow.run((tx) => tx.orders.insert(order));
      expect(await ctx.h.ports.orders.findById(order.id)).to.deep.equal(order);
      expect(await ctx.h.ports.orders.findById('nope')).to.equal(null);
    });

    it("lists one user's orders newest first, ties by id, in keyset pages", async () => {
      const f = fixtures(ctx.h);
      const drop = await f.drop();
      const [me, you] = [await f.user(), await f.user()];
      const mine: Order[] = [];
      for (let i = 0; i < 7; i++) mine.push(f.order(drop, me.id, 1, 100 + Math.floor(i / 2)));
      const yours = f.order(drop, you.id, 1, 105);
      await ctx.h.ports.uow.run(async (tx) => {
        for (const o of [...mine, yours]) await tx.orders.insert(o);
      });
      const seen: Order[] = [];
      let after: Cursor | undefined;
      do {
        const page = await ctx.h.ports.orders.listByUser(me.id, { limit: 3, after });
        seen.push(...page.items);
        after = page.next ?? undefined;
      } while (after);
      expect(ids(seen)).to.deep.equal(
        ids([...mine].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))),
      );
      expect(seen[0]).to.deep.equal(mine[6]);
      expect((await ctx.h.ports.orders.listByUser('nobody', { limit: 3 })).items).to.deep.equal([]);
    });

    it('sums the confirmed quantity of a drop from its order rows', async () => {
      const f = fixtures(ctx.h);
      const [drop, other] = [await f.drop({ total: 20 }), await f.drop({ total: 20 })];
      const buyer = await f.user();
      expect(await ctx.h.ports.orders.soldQuantity(drop.id)).to.equal(0);
      await f.buy(drop, buyer.id, 3);
      await f.buy(drop, buyer.id, 5);
      await f.buy(other, buyer.id, 2);
      expect(await ctx.h.ports.orders.soldQuantity(drop.id)).to.equal(8);
      expect(await ctx.h.ports.orders.soldQuantity(other.id)).to.equal(2);
    });
  });
}
