import { expect } from 'chai';
import { InProcessReadCache } from '../../src/cache/in-process-read-cache.js';
import { FakeClock } from '../../src/system/clocks.js';
import { world } from './world.js';

/** The caching policy (withReadCache) through the use cases: fresh after every acknowledged write. */
describe('use cases: reads through the cache', () => {
  const cached = () => {
    const hits: boolean[] = [];
    const cache = new InProcessReadCache(new FakeClock(), { maxEntries: 100, ttlMs: 3_600_000 }, (_k, hit) =>
      hits.push(hit),
    );
    return { w: world({ cache }), hits };
  };

  it("serves a drop from the cache, yet shows each order's stock once the order has returned", async () => {
    const { w, hits } = cached();
    const { dropId } = await w.liveDrop({ stock: 5 });
    await w.uc.drops.get(dropId);
    hits.length = 0;
    for (let i = 1; i <= 3; i++) {
      await w.uc.placeOrder.execute(await w.user(`fan_${i}`), 'k', { dropId, quantity: 1 });
      expect((await w.uc.drops.get(dropId)).sold).to.equal(i);
    }
    expect(hits.filter((h) => !h)).to.deep.equal([]); // orders raised the count; nothing was reloaded
  });

  it('shows a concurrent flurry of orders no lower than they left it, on every read after them', async () => {
    const { w } = cached();
    const { dropId } = await w.liveDrop({ stock: 40 });
    const fans = await Promise.all(Array.from({ length: 30 }, (_, i) => w.user(`f_${i}`)));
    await Promise.all(
      fans.map(async (fan) => {
        const r = await w.uc.placeOrder.execute(fan, 'k', { dropId, quantity: 1 });
        const soldNow = w.store.drops.get(dropId)!.sold;
        expect(r.outcome.ok).to.equal(true);
        expect((await w.uc.drops.get(dropId)).sold).to.be.at.least(soldNow);
      }),
    );
    expect((await w.uc.drops.get(dropId)).sold).to.equal(30);
  });

  it('shows a product edit in the product and in its drops, a cancel, and exact follower counts', async () => {
    const { w } = cached();
    const { creator, dropId } = await w.liveDrop();
    const drop = await w.uc.drops.get(dropId);
    await w.uc.products.get(drop.productId);
    await w.uc.follows.creator(creator.id);
    await w.uc.products.update(creator, drop.productId, { title: 'Tour poster' });
    expect((await w.uc.products.get(drop.productId)).title).to.equal('Tour poster');
    expect((await w.uc.drops.get(dropId)).productTitle).to.equal('Tour poster');
    await w.uc.follows.follow((await w.user('fan')).id, creator.id);
    expect((await w.uc.follows.creator(creator.id)).followerCount).to.equal(1);
    await w.uc.drops.cancel(creator, dropId);
    expect((await w.uc.drops.get(dropId)).cancelledAt).to.not.equal(null);
  });
});
