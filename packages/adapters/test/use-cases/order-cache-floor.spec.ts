import { expect } from 'chai';
import { RedisReadCache } from '../../src/redis/redis-read-cache.js';
import { checkoutFixtures } from '../../src/testing/contracts/checkout-fixtures.js';
import { selectedAdapters, useHarness } from '../harness.js';
import { redisSuites, redisUnderTest } from '../services/redis-test.js';
import { checkoutUseCases, shown } from './checkout-world.js';

/**
 * api.md, Freshness: once an order is answered, a read of its drop shows it. The drop is
 * cached before each order and no write invalidates it meanwhile, so only the order's own
 * raise (embedded engines, before commit) or its book's floor (PostgreSQL, after commit and
 * before the answer) can make the read right. The rush in checkout-race.spec.ts covers the
 * same rule under concurrency, where the window it guards is too short to hit every time.
 */
for (const a of selectedAdapters().filter((x) => x.family !== 'sqlite')) {
  describe(`${a.name}: orders behind the Redis read cache`, function () {
    this.timeout(30_000);
    const ctx = useHarness(a.make);
    if (!redisSuites) return;
    it('a read after an answered order shows it, the drop having been cached before', async () => {
      const redis = await redisUnderTest();
      try {
        const cache = new RedisReadCache(redis.redis, { ttlMs: 60_000, pendingMs: 10_000 });
        const { uc, ports } = checkoutUseCases(ctx.h, { cache, seed: 5 });
        const f = checkoutFixtures(ctx.h);
        for (const pay of [true, false]) {
          const drop = pay ? await f.payDrop({ total: 50 }) : await f.drop({ total: 50 });
          for (let i = 0; i < 5; i++) {
            expect((await shown(ports, drop.id)).sold).to.equal(i);
            const r = await uc.placeOrder.execute(await f.user(), `one-${i}`, { dropId: drop.id, quantity: 1 });
            expect(r.outcome.ok, JSON.stringify(r.outcome)).to.equal(true);
            expect((await shown(ports, drop.id)).sold, `${pay ? 'pay' : 'instant'} drop, order ${i}`).to.equal(i + 1);
          }
        }
      } finally {
        await redis.close();
      }
    });
  });
}
