import type { ReadCache } from '@livedrops/core';
import { expect } from 'chai';
import type { CacheUnderTest } from './read-cache.contract.js';
import { row, tick, type Doc } from './read-cache.fixtures.js';

/**
 * ReadCache, raised counters: `sold` is raised inside the order's transaction without
 * invalidating the drop, and every read after the order was acknowledged shows it, whatever
 * the transaction's end turned out to be (committed, rolled back, unknown, never reported).
 */
export function readCacheCountersContract(make: () => Promise<CacheUnderTest>): void {
  describe('ReadCache: raised counters', () => {
    let h: CacheUnderTest;
    beforeEach(async () => (h = await make()));
    afterEach(() => h.close());
    const get = async (key: string, load: () => Promise<Doc>): Promise<Doc> =>
      (await (h.cache as ReadCache).read(key, load)) as Doc;

    it('raises a counter without invalidating: pending, then committed or withdrawn', async () => {
      const r = row({ sold: 5 });
      await h.cache.read('drop:d-1', r.load);
      const settle = await h.cache.raise('drop:d-1', 'sold', 7);
      expect((await get('drop:d-1', r.load)).sold).to.equal(7); // before commit: lower availability is allowed
      r.db.sold = 7;
      await settle(true);
      expect((await get('drop:d-1', r.load)).sold).to.equal(7);
      const loads = r.loads;
      const rolledBack = await h.cache.raise('drop:d-1', 'sold', 9);
      await rolledBack(false);
      expect((await get('drop:d-1', r.load)).sold).to.equal(7);
      expect(r.loads).to.equal(loads); // raising kept the document cached
    });

    it('keeps a raise when a read that loaded the old count stores it afterwards', async () => {
      const r = row({ sold: 5 });
      const release = r.holdNext();
      const slow = h.cache.read('drop:d-1', r.load); // loads sold 5
      await tick();
      const settle = await h.cache.raise('drop:d-1', 'sold', 6);
      r.db.sold = 6;
      await settle(true);
      release();
      await slow;
      expect((await get('drop:d-1', r.load)).sold).to.equal(6);
    });

    it('keeps every raise of a storm of concurrent orders', async () => {
      const r = row({ sold: 0 });
      await h.cache.read('drop:d-1', r.load);
      await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          const settle = await h.cache.raise('drop:d-1', 'sold', i + 1);
          await settle(true);
        }),
      );
      r.db.sold = 50;
      expect((await get('drop:d-1', r.load)).sold).to.equal(50);
    });

    it('shows a raise whose settle never came (the writer died after committing), then the database', async () => {
      const r = row({ sold: 5 });
      await h.cache.read('drop:d-1', r.load);
      await h.cache.raise('drop:d-1', 'sold', 6);
      r.db.sold = 6; // committed; the process died before settling
      expect((await get('drop:d-1', r.load)).sold).to.equal(6);
      await new Promise((res) => setTimeout(res, 200)); // past a remote cache's pending window
      expect((await get('drop:d-1', r.load)).sold).to.equal(6);
      expect((await get('drop:d-1', r.load)).sold).to.equal(6);
    });

    it('keeps a raise whose transaction ended in doubt (it may have committed) until reads reload from the database', async () => {
      const r = row({ sold: 5 });
      await h.cache.read('drop:d-1', r.load);
      const settle = await h.cache.raise('drop:d-1', 'sold', 6);
      r.db.sold = 6; // the COMMIT went through, but the connection died before saying so
      await settle(undefined);
      expect((await get('drop:d-1', r.load)).sold).to.equal(6);
      await new Promise((res) => setTimeout(res, 200));
      expect((await get('drop:d-1', r.load)).sold).to.equal(6);
    });
  });
}
