import type { UseCases, User } from '@livedrops/core';
import { expect } from 'chai';
import { selectedAdapters, useHarness } from '../harness.js';
import { checkoutUseCases } from './checkout-world.js';
import { rejects } from './rejects.js';

const MIN = 60_000;

/** Waiting rooms over every engine: the start's shuffle, paced admission, passes, closing at sell-out. */
for (const a of selectedAdapters()) {
  describe(`waiting rooms (${a.name})`, () => {
    const ctx = useHarness(a.make);
    let uc: UseCases;
    let creator: User;
    let fans: User[];
    let keys = 0;

    async function user(handle: string, isCreator = false): Promise<User> {
      const u = { id: `u-${handle}`, handle, displayName: handle, isCreator, createdAt: ctx.h.clock.now() };
      await ctx.h.ports.users.create(u, 'x');
      return u;
    }

    async function queueDrop(stock: number, checkout: 'instant' | 'pay' = 'instant'): Promise<string> {
      const product = await uc.products.create(creator, { title: 'Tee', priceCents: 1000, currency: 'EUR' });
      const now = ctx.h.clock.now();
      const drop = await uc.drops.schedule(creator, {
        productId: product.id,
        startsAt: now + MIN,
        endsAt: now + 60 * MIN,
        stock,
        checkout,
        access: 'queue',
        ...(checkout === 'pay' ? { holdSeconds: 60 } : {}),
      });
      return drop.id;
    }

    const order = (u: User, dropId: string, pass?: string, key = `k${++keys}`) =>
      uc.placeOrder.execute(u, key, { dropId, quantity: 1, pass });
    const count = async (type: string) => (await ctx.h.raw.outbox()).filter((e) => e.type === type).length;

    beforeEach(async () => {
      uc = checkoutUseCases(ctx.h).uc;
      creator = await user('maker', true);
      fans = await Promise.all(['ann', 'bob', 'cat', 'dan', 'eve', 'fay'].map((n) => user(n)));
    });

    it('pre-queue joiners are placed in the drawn order at the start, later arrivals behind them', async () => {
      const dropId = await queueDrop(2);
      for (const f of fans.slice(0, 5))
        expect((await uc.queues.join(f, dropId)).view).to.include({ state: 'waiting', position: null });
      expect((await uc.queues.join(fans[0]!, dropId)).created).to.equal(false);
      ctx.h.clock.advance(MIN);
      expect(await uc.runDueShuffles.execute()).to.equal(1);
      const { order: drawn } = (await uc.fairness.of(dropId)) as { order: string[] };
      expect([...drawn].sort()).to.deep.equal(
        fans
          .slice(0, 5)
          .map((f) => f.id)
          .sort(),
      );
      for (const [i, id] of drawn.entries()) {
        expect((await uc.queues.status(fans.find((f) => f.id === id)!, dropId)).position).to.equal(i + 1);
      }
      expect((await uc.queues.join(fans[5]!, dropId)).view.position).to.equal(6);
    });

    it('admits within the stock, passes are single-use, own and expiring; sell-out closes the line', async () => {
      const dropId = await queueDrop(2);
      for (const f of fans) await uc.queues.join(f, dropId);
      ctx.h.clock.advance(MIN);
      await uc.runDueShuffles.execute();
      const other = checkoutUseCases(ctx.h).uc; // a second instance admitting from the same room
      const admitted = await Promise.all([uc.admitFromQueues.execute(), other.admitFromQueues.execute()]);
      expect(admitted[0] + admitted[1]).to.equal(2);
      expect(await uc.admitFromQueues.execute()).to.equal(0);
      const views = await Promise.all(fans.map((f) => uc.queues.status(f, dropId)));
      const holders = fans.filter((_, i) => views[i]!.state === 'admitted');
      const passOf = (u: User) => views[fans.indexOf(u)]!.pass!;
      expect(holders).to.have.length(2);
      const [first, second] = holders as [User, User];
      expect((await rejects(order(first, dropId))).code).to.equal('pass_required');
      expect((await rejects(order(first, dropId, passOf(second)))).code).to.equal('pass_required');
      const bought = await order(first, dropId, passOf(first), 'once');
      expect(bought.outcome.ok).to.equal(true);
      expect((await order(first, dropId, passOf(first), 'once')).replayed).to.equal(true);
      expect((await rejects(order(first, dropId, passOf(first)))).code).to.equal('pass_required');
      // One unit left, one pass in play: nobody more yet. The pass expires unused: the next user is admitted.
      expect(await uc.admitFromQueues.execute()).to.equal(0);
      ctx.h.clock.advance(121_000);
      expect((await rejects(order(second, dropId, passOf(second)))).code).to.equal('pass_required');
      expect(await uc.admitFromQueues.execute()).to.equal(1);
      const now = await Promise.all(fans.map((f) => uc.queues.status(f, dropId)));
      const next = fans[now.findIndex((v, i) => v.state === 'admitted' && !holders.includes(fans[i]!))]!;
      expect((await order(next, dropId, (await uc.queues.status(next, dropId)).pass!)).outcome.ok).to.equal(true);
      expect(await uc.admitFromQueues.execute()).to.equal(3); // sold out: the three still waiting are told
      expect(await count('queue.closed')).to.equal(3);
      expect(await count('queue.admitted')).to.equal(3);
      expect((await rejects(uc.queues.join(creator, dropId))).code).to.equal('entries_closed');
    });

    it('a sell-out under pressure closes the line a slice per step, front first, and no places are told meanwhile', async () => {
      let pressed = false;
      const p = checkoutUseCases(ctx.h, { pressure: { high: () => pressed }, admitTuning: { pressedClosing: 2 } }).uc;
      const dropId = await queueDrop(1);
      for (const f of fans) await p.queues.join(f, dropId);
      ctx.h.clock.advance(MIN);
      await p.runDueShuffles.execute();
      expect(await p.admitFromQueues.execute()).to.equal(1); // the one unit's pass; the five others told their places
      const [buyer, ...line] = ((await p.fairness.of(dropId)) as { order: string[] }).order;
      const first = fans.find((f) => f.id === buyer)!;
      expect((await order(first, dropId, (await p.queues.status(first, dropId)).pass!)).outcome.ok).to.equal(true);
      const places = await count('queue.position');
      const closedNow = async () =>
        (await Promise.all(fans.map((f) => p.queues.status(f, dropId))))
          .map((v, i) => (v.state === 'closed' ? fans[i]!.id : null))
          .filter((id) => id !== null);
      pressed = true;
      for (const slice of [2, 4]) {
        ctx.h.clock.advance(6_000); // places would be due again, were the line not being closed
        expect(await p.admitFromQueues.execute()).to.equal(2);
        expect(new Set(await closedNow())).to.deep.equal(new Set(line.slice(0, slice)));
      }
      expect(await count('queue.position')).to.equal(places);
      pressed = false;
      expect(await p.admitFromQueues.execute()).to.equal(1); // the pressure is off: the rest at once
      expect(await count('queue.closed')).to.equal(5);
    });

    it('pay drops: units in holds that may still expire leave room for more passes', async () => {
      const dropId = await queueDrop(2, 'pay');
      for (const f of fans) await uc.queues.join(f, dropId);
      ctx.h.clock.advance(MIN);
      await uc.runDueShuffles.execute();
      expect(await uc.admitFromQueues.execute()).to.equal(2);
      const views = await Promise.all(fans.map((f) => uc.queues.status(f, dropId)));
      const i = views.findIndex((v) => v.state === 'admitted');
      expect((await order(fans[i]!, dropId, views[i]!.pass!)).outcome.ok).to.equal(true);
      // available 1 + held 1 − live passes 1 = room for one more.
      expect(await uc.admitFromQueues.execute()).to.equal(1);
    });

    it('positions: queue.position on a move of 10 % or more, at most once a second per user', async () => {
      const dropId = await queueDrop(1);
      for (const f of fans) await uc.queues.join(f, dropId);
      ctx.h.clock.advance(MIN);
      await uc.runDueShuffles.execute();
      await uc.admitFromQueues.execute();
      expect(await count('queue.position')).to.equal(5);
      await uc.admitFromQueues.execute();
      expect(await count('queue.position')).to.equal(5); // nothing moved, and within the second
    });

    it('an arrival before the start has been shuffled stands behind the whole pre-queue', async () => {
      const dropId = await queueDrop(1);
      for (const f of fans.slice(0, 3)) await uc.queues.join(f, dropId);
      ctx.h.clock.advance(MIN);
      expect((await uc.queues.join(fans[3]!, dropId)).view.position).to.equal(4);
      await uc.runDueShuffles.execute();
      expect((await uc.queues.status(fans[3]!, dropId)).position).to.equal(4);
    });

    it('a join after the start is told its place by the answer, not again on the stream', async () => {
      const dropId = await queueDrop(1);
      for (const f of fans.slice(0, 3)) await uc.queues.join(f, dropId);
      ctx.h.clock.advance(MIN);
      await uc.runDueShuffles.execute();
      const late = await uc.queues.join(fans[3]!, dropId);
      expect(late.view).to.include({ state: 'waiting', position: 4 });
      await uc.admitFromQueues.execute();
      // One admitted; the two still waiting from the pre-queue hear their place; the late one was told.
      expect(await count('queue.position')).to.equal(2);
    });

    it('after sell-out a new user is refused, and one who joined before still sees their place', async () => {
      const dropId = await queueDrop(1);
      await uc.queues.join(fans[0]!, dropId);
      await uc.queues.join(fans[1]!, dropId);
      ctx.h.clock.advance(MIN);
      await uc.runDueShuffles.execute();
      await uc.admitFromQueues.execute();
      const { order: drawn } = (await uc.fairness.of(dropId)) as { order: string[] };
      const [admitted, waiting] = drawn.map((id) => fans.find((f) => f.id === id)!);
      await order(admitted!, dropId, (await uc.queues.status(admitted!, dropId)).pass!);
      await uc.admitFromQueues.execute();
      expect((await rejects(uc.queues.join(fans[2]!, dropId))).code).to.equal('entries_closed');
      const again = await uc.queues.join(waiting!, dropId);
      expect(again.created).to.equal(false);
      expect(again.view.state).to.equal('closed');
    });

    it('a waiting room cancelled before its start closes its line: everyone waiting is told', async () => {
      const dropId = await queueDrop(2);
      for (const f of fans.slice(0, 3)) await uc.queues.join(f, dropId);
      await uc.drops.cancel(creator, dropId);
      expect(await uc.admitFromQueues.execute()).to.equal(3);
      expect(await count('queue.closed')).to.equal(3);
      expect((await uc.queues.status(fans[0]!, dropId)).state).to.equal('closed');
    });
  });
}
