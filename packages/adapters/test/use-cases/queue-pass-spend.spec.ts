import { createUseCases, DEFAULT_POLICY, type UseCases, type User } from '@livedrops/core';
import { expect } from 'chai';
import { selectedAdapters, useHarness } from '../harness.js';
import { checkoutUseCases } from './checkout-world.js';
import { rejects } from './rejects.js';

const MIN = 60_000;

/**
 * An order commits, then the order path marks its pass spent: two writes. An instance that
 * dies between them leaves a pass bound to a committed order and unspent, whose unit would
 * count twice (sold, and in play) until the pass's deadline plus its in-flight grace: the
 * next user in line would wait minutes for a unit that is free. The admission step spends it.
 */
for (const a of selectedAdapters()) {
  describe(`waiting rooms: an instance dies between an order and its pass's spend (${a.name})`, () => {
    const ctx = useHarness(a.make);

    async function user(handle: string, isCreator = false): Promise<User> {
      const u = { id: `u-${handle}`, handle, displayName: handle, isCreator, createdAt: ctx.h.clock.now() };
      await ctx.h.ports.users.create(u, 'x');
      return u;
    }

    it('the next admission step spends the pass, so the unit counts once and the next user gets in', async () => {
      const { uc, ports } = checkoutUseCases(ctx.h);
      // The dying instance: its order commits, then it is gone before the pass is spent.
      const killed = () => Promise.reject(new Error('killed'));
      const queues = Object.assign(Object.create(ports.queues), { spendPass: killed });
      const dying: UseCases = createUseCases({ ...ports, queues }, DEFAULT_POLICY);
      const creator = await user('maker', true);
      const fans = await Promise.all(['ann', 'bob', 'cat', 'dan'].map((n) => user(n)));
      const product = await uc.products.create(creator, { title: 'Tee', priceCents: 1000, currency: 'EUR' });
      const now = ctx.h.clock.now();
      const drop = await uc.drops.schedule(creator, {
        productId: product.id,
        startsAt: now + MIN,
        endsAt: now + 60 * MIN,
        stock: 2,
        access: 'queue',
      });
      for (const f of fans) await uc.queues.join(f, drop.id);
      ctx.h.clock.advance(MIN);
      await uc.runDueShuffles.execute();
      expect(await uc.admitFromQueues.execute()).to.equal(2);
      const views = await Promise.all(fans.map((f) => uc.queues.status(f, drop.id)));
      const [first, second] = fans.filter((_, i) => views[i]!.state === 'admitted') as [User, User];
      const passOf = (u: User) => views[fans.indexOf(u)]!.pass!;

      const order = { dropId: drop.id, quantity: 1, pass: passOf(first) };
      expect((await rejects(dying.placeOrder.execute(first, 'k-first', order))).message).to.equal('killed');
      expect(await ctx.h.raw.sold(drop.id)).to.equal(1);
      // The second pass lapses unused, the first is still within its in-flight grace: one unit is free.
      ctx.h.clock.advance(121_000);
      expect(await uc.admitFromQueues.execute()).to.equal(1);
      const admitted = await Promise.all(fans.map((f) => uc.queues.status(f, drop.id)));
      const next = fans.find((f, i) => admitted[i]!.state === 'admitted' && f !== first && f !== second)!;
      const pass = admitted[fans.indexOf(next)]!.pass!;
      const bought = await uc.placeOrder.execute(next, 'k-next', { dropId: drop.id, quantity: 1, pass });
      expect(bought.outcome.ok).to.equal(true);
      // The first buyer's app asks again with its key: the stored answer, and still one order of theirs.
      const replay = await uc.placeOrder.execute(first, 'k-first', order);
      expect(replay).to.include({ replayed: true });
      expect(replay.outcome.ok).to.equal(true);
      expect((await ctx.h.raw.orders(drop.id)).map((o) => o.userId).sort()).to.deep.equal([first.id, next.id].sort());
      expect(await uc.admitFromQueues.execute()).to.equal(1); // sold out: the one still waiting is told
    });
  });
}
