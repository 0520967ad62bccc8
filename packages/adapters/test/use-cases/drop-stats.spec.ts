import { expect } from 'chai';
import type { DomainError } from '@livedrops/core';
import { MemoryOutboxRelayStore } from '../../src/memory/memory-outbox.js';
import { world } from './world.js';

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: DomainError) => e.code,
  );

describe("use case: a drop's figures (DropStats)", () => {
  async function scheduled(stock: number) {
    const w = world();
    const creator = await w.user('star', true);
    const product = await w.uc.products.create(creator, { title: 'Poster', priceCents: 1000 });
    const startsAt = w.clock.now() + 1_000;
    const drop = await w.uc.drops.schedule(creator, {
      productId: product.id,
      startsAt,
      endsAt: startsAt + 60_000,
      stock,
    });
    return { w, creator, drop, startsAt };
  }

  it('is for the creator alone: anyone else → forbidden, an unknown drop → not_found', async () => {
    const { w, drop } = await scheduled(5);
    const fan = await w.user('fan');
    expect(await codeOf(w.uc.dropStats.of(fan, drop.id))).to.equal('forbidden');
    expect(await codeOf(w.uc.dropStats.of(fan, 'missing'))).to.equal('not_found');
  });

  it('before the start: everything left, no rate, nobody told yet', async () => {
    const { w, creator, drop } = await scheduled(5);
    const s = await w.uc.dropStats.of(creator, drop.id);
    expect(s.status).to.equal('upcoming');
    expect(s.units).to.deep.equal({ total: 5, sold: 0, held: 0, left: 5 });
    expect(s.orders).to.deep.equal({ count: 0, buyers: 0, perSecond: 0, averagePerSecond: 0 });
    expect([s.soldOutAt, s.timeToSellOutMs, s.maxLagMs, s.conversion]).to.deep.equal([null, null, null, null]);
    expect(s.deliveries).to.deep.equal([]);
  });

  it('through a sell-out: units, rates, time to sell out, delivery lags and the followers who bought', async () => {
    const { w, creator, drop, startsAt } = await scheduled(4);
    const relay = new MemoryOutboxRelayStore(w.store);
    const [ann, bob, cat, dan] = await Promise.all(['ann', 'bob', 'cat', 'dan'].map((h) => w.user(h)));
    await w.uc.follows.follow(ann!.id, creator.id);
    await w.uc.follows.follow(bob!.id, creator.id);
    w.clock.set(startsAt + 200); // the scheduler fires 200 ms late; the relay takes 50 ms more
    await w.uc.startDueDrops.execute();
    w.clock.advance(1);
    await w.uc.follows.follow(cat!.id, creator.id); // after the start: not told
    const publish = async (at: number) =>
      relay.markPublished(
        (await relay.pending(100)).map((p) => p.seq),
        at,
      );
    await publish(startsAt + 250);

    w.clock.set(startsAt + 2_000);
    await w.uc.placeOrder.execute(ann!, 'a1', { dropId: drop.id, quantity: 1 });
    w.clock.set(startsAt + 9_000);
    await w.uc.placeOrder.execute(cat!, 'c1', { dropId: drop.id, quantity: 1 });
    await w.uc.placeOrder.execute(ann!, 'a2', { dropId: drop.id, quantity: 1 });
    let s = await w.uc.dropStats.of(creator, drop.id);
    expect(s.units).to.deep.equal({ total: 4, sold: 3, held: 0, left: 1 });
    // The last 10 s are the 9 s since the start: 3 orders; the average runs over the same 9 s.
    expect(s.orders).to.deep.equal({ count: 3, buyers: 2, perSecond: 0.33, averagePerSecond: 0.33 });
    expect(s.conversion).to.deep.equal({ notified: 2, buyers: 1, rate: 0.5 });
    // stock.low (threshold 1) is still in the outbox: its lag so far is its age.
    expect(s.deliveries.map((d) => [d.type, d.lagMs])).to.deep.equal([
      ['drop.started', 250],
      ['stock.low', null],
    ]);
    expect(s.maxLagMs).to.equal(250);

    w.clock.set(startsAt + 12_000);
    await w.uc.placeOrder.execute(dan!, 'd1', { dropId: drop.id, quantity: 1 });
    await publish(startsAt + 12_040);
    w.clock.set(startsAt + 30_000);
    s = await w.uc.dropStats.of(creator, drop.id);
    expect(s.status).to.equal('sold_out');
    expect(s.units.left).to.equal(0);
    expect(s.timeToSellOutMs).to.equal(12_000);
    expect(s.soldOutAt).to.equal(startsAt + 12_000);
    // Nothing in the last 10 s; the average is over the 12 s the drop took to sell out.
    expect(s.orders).to.deep.equal({ count: 4, buyers: 3, perSecond: 0, averagePerSecond: 0.33 });
    expect(s.deliveries.map((d) => [d.type, d.lagMs])).to.deep.equal([
      ['drop.started', 250],
      ['stock.low', 3_040],
      ['drop.sold_out', 40],
    ]);
    expect(s.maxLagMs).to.equal(3_040);
  });
});
