import { expect } from 'chai';
import { verifyShuffle, type UseCases, type User } from '@livedrops/core';
import { NodeFairnessCrypto } from '../../src/system/fairness-crypto.js';
import { selectedAdapters, useHarness, type Harness } from '../harness.js';
import { checkoutUseCases } from './checkout-world.js';
import { rejects } from './rejects.js';

const MIN = 60_000;

/** Draws over every engine: entries, the draw at the close exactly once, holds, backfill, eligibility. */
for (const a of selectedAdapters()) {
  describe(`draws (${a.name})`, () => {
    const ctx = useHarness(a.make);
    let uc: UseCases;
    let creator: User;
    let fans: User[];

    async function user(handle: string, isCreator = false): Promise<User> {
      const u = { id: `u-${handle}`, handle, displayName: handle, isCreator, createdAt: ctx.h.clock.now() };
      await ctx.h.ports.users.create(u, 'x');
      return u;
    }

    async function drawDrop(h: Harness, checkout: 'pay' | 'instant', stock: number): Promise<string> {
      const product = await uc.products.create(creator, { title: 'Poster', priceCents: 1000, currency: 'EUR' });
      const now = h.clock.now();
      const drop = await uc.drops.schedule(creator, {
        productId: product.id,
        startsAt: now + 10 * MIN,
        endsAt: now + 60 * MIN,
        stock,
        checkout,
        access: 'draw',
        entriesOpenAt: now,
        entriesCloseAt: now + 5 * MIN,
        ...(checkout === 'pay' ? { holdSeconds: 60 } : {}),
      });
      return drop.id;
    }

    beforeEach(async () => {
      uc = checkoutUseCases(ctx.h).uc;
      creator = await user('maker', true);
      fans = await Promise.all(['ann', 'bob', 'cat', 'dan', 'eve'].map((n) => user(n)));
    });

    it('one entry per user in the window; the draw at the close, once; holds for the first drawn', async () => {
      const dropId = await drawDrop(ctx.h, 'pay', 2);
      const first = await uc.enterDraw.execute(fans[0]!, dropId);
      expect(first.created).to.equal(true);
      expect(await uc.enterDraw.execute(fans[0]!, dropId)).to.deep.equal({ entry: first.entry, created: false });
      for (const fan of fans.slice(1)) await uc.enterDraw.execute(fan, dropId);
      expect(await uc.runDueShuffles.execute()).to.equal(0); // not closed yet
      ctx.h.clock.advance(5 * MIN);
      expect((await rejects(uc.enterDraw.execute(creator, dropId))).code).to.equal('entries_closed');
      const other = checkoutUseCases(ctx.h).uc; // a second instance racing for the same draw
      const made = await Promise.all([uc.runDueShuffles.execute(), other.runDueShuffles.execute()]);
      expect(made[0] + made[1]).to.equal(1);
      expect(await uc.runDueShuffles.execute()).to.equal(0);

      const fair = await uc.fairness.of(dropId);
      if (fair.seed === null) throw new Error('no seed revealed');
      expect(verifyShuffle(new NodeFairnessCrypto(), fair)).to.equal(true);
      expect(fair.entries).to.deep.equal(fans.map((f) => f.id).sort());
      const holds = await ctx.h.raw.orders(dropId);
      expect(holds.map((o) => o.userId).sort()).to.deep.equal(fair.order.slice(0, 2).sort());
      expect(holds.every((o) => o.status === 'held' && o.quantity === 1)).to.equal(true);
      const types = (await ctx.h.raw.outbox()).map((e) => e.type);
      expect(types.filter((t) => t === 'draw.won')).to.have.length(2);
      expect(types.filter((t) => t === 'draw.lost')).to.have.length(3);
      // The entry stands after the close; a newcomer is refused.
      expect((await uc.enterDraw.execute(fans[0]!, dropId)).created).to.equal(false);
    });

    it("backfill: an expired winner's hold passes to the next entrants in the drawn order", async () => {
      const dropId = await drawDrop(ctx.h, 'pay', 2);
      for (const fan of fans) await uc.enterDraw.execute(fan, dropId);
      ctx.h.clock.advance(5 * MIN);
      await uc.runDueShuffles.execute();
      const { order } = (await uc.fairness.of(dropId)) as { order: string[] };
      ctx.h.clock.advance(61_000);
      expect(await uc.expireDueHolds.execute()).to.equal(2);
      const orders = await ctx.h.raw.orders(dropId);
      const heldBy = orders
        .filter((o) => o.status === 'held')
        .map((o) => o.userId)
        .sort();
      expect(heldBy).to.deep.equal(order.slice(2, 4).sort());
      const types = (await ctx.h.raw.outbox()).map((e) => e.type);
      expect(types.filter((t) => t === 'draw.won')).to.have.length(4);
      ctx.h.clock.advance(61_000);
      await uc.expireDueHolds.execute();
      // The last entrant gets the one unit left in line; nobody is granted twice.
      const last = (await ctx.h.raw.orders(dropId)).filter((o) => o.status === 'held').map((o) => o.userId);
      expect(last).to.deep.equal([order[4]]);
    });

    it('instant draws: winners may order once live, everyone else is not eligible', async () => {
      const dropId = await drawDrop(ctx.h, 'instant', 1);
      for (const fan of fans.slice(0, 3)) await uc.enterDraw.execute(fan, dropId);
      ctx.h.clock.advance(5 * MIN);
      await uc.runDueShuffles.execute();
      const { order } = (await uc.fairness.of(dropId)) as { order: string[] };
      ctx.h.clock.advance(5 * MIN);
      const byId = new Map(fans.map((f) => [f.id, f]));
      const loser = await rejects(uc.placeOrder.execute(byId.get(order[1]!)!, 'k1', { dropId, quantity: 1 }));
      expect(loser.code).to.equal('not_eligible');
      const won = await uc.placeOrder.execute(byId.get(order[0]!)!, 'k2', { dropId, quantity: 1 });
      expect(won.outcome.ok).to.equal(true);
    });

    it('entries outside the window or on a drop that is not a draw are refused', async () => {
      const dropId = await drawDrop(ctx.h, 'instant', 1);
      const product = await uc.products.create(creator, { title: 'Open', priceCents: 1000 });
      const now = ctx.h.clock.now();
      const open = await uc.drops.schedule(creator, {
        productId: product.id,
        startsAt: now,
        endsAt: now + MIN,
        stock: 1,
      });
      expect((await rejects(uc.enterDraw.execute(fans[0]!, open.id))).code).to.equal('not_found');
      await uc.drops.cancel(creator, dropId);
      expect((await rejects(uc.enterDraw.execute(fans[0]!, dropId))).code).to.equal('entries_closed');
    });
  });
}
