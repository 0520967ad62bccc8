import { UnavailableError, type ReadCache } from '@livedrops/core';
import { expect } from 'chai';
import { expectDeclared, when } from '../harness.js';
import { row, tick, type Doc } from './read-cache.fixtures.js';

/** What a cache offers, declared beside it: a test it cannot pass is never registered for it. */
export interface CacheCapabilities {
  /** Whether the harness offers `lose` and `cut` (checked against it before each test). */
  lose?: boolean;
  cut?: boolean;
}

export interface CacheUnderTest {
  cache: ReadCache;
  /** The cache loses everything it held (a Redis restart); absent where that cannot happen. */
  lose?(): Promise<void>;
  /** The cache becomes unreachable until `heal` (Redis down); absent for in-process caches. */
  cut?(): Promise<{ heal(): Promise<void> }>;
  close(): Promise<void>;
}

/**
 * ReadCache: read-through with invalidation that never lets a read started before a write
 * store what it loaded, and monotone counters raised inside the writer's transaction.
 * The freshness rule (api.md): once a write is acknowledged, no later read shows the old state.
 */
export function readCacheContract({
  caps,
  make,
}: {
  caps: CacheCapabilities;
  make: () => Promise<CacheUnderTest>;
}): void {
  describe('ReadCache', () => {
    let h: CacheUnderTest;
    beforeEach(async () => {
      h = await make();
      expectDeclared(caps, h, ['lose', 'cut']);
    });
    afterEach(() => h.close());
    const get = async (key: string, load: () => Promise<Doc>): Promise<Doc> => (await h.cache.read(key, load)) as Doc;

    it('loads once, then answers from the cache; a missing document is not stored', async () => {
      const r = row();
      expect(await get('drop:d-1', r.load)).to.deep.equal(r.db);
      expect(await get('drop:d-1', r.load)).to.deep.equal(r.db);
      expect(r.loads).to.equal(1);
      let misses = 0;
      for (let i = 0; i < 2; i++) expect(await h.cache.read('drop:none', async () => (misses++, null))).to.equal(null);
      expect(misses).to.equal(2);
    });

    it('reads a document with the one it is shown with, both cached, each kept fresh by its own writes', async () => {
      const drop = row({ id: 'd-1', title: 'p-1' });
      const product = row({ id: 'p-1', title: 'Hoodie' });
      const pair = () =>
        h.cache.readPair('drop:d-1', drop.load, (d) => ({ key: `product:${d.title}`, load: product.load }));
      expect((await pair()).map((d) => d?.title)).to.deep.equal(['p-1', 'Hoodie']);
      expect((await pair()).map((d) => d?.title)).to.deep.equal(['p-1', 'Hoodie']);
      expect([drop.loads, product.loads]).to.deep.equal([1, 1]);
      await h.cache.write(['product:p-1'], async () => void (product.db.title = 'Poster'));
      expect((await pair())[1]?.title).to.equal('Poster');
      const settle = await h.cache.raise('drop:d-1', 'sold', 3);
      expect((await pair())[0]?.sold).to.equal(3);
      await settle(false);
      expect(
        await h.cache.readPair(
          'drop:none',
          async () => null,
          () => ({ key: 'product:x', load: product.load }),
        ),
      ).to.deep.equal([null, null]);
    });

    it('shows a write once it has returned', async () => {
      const r = row();
      await h.cache.read('product:p', r.load);
      await h.cache.write(['product:p'], async () => void (r.db.title = 'Poster'));
      expect((await get('product:p', r.load)).title).to.equal('Poster');
      expect((await get('product:p', r.load)).title).to.equal('Poster');
    });

    it('never stores what a read loaded before a write that ended while it was loading', async () => {
      const r = row();
      const release = r.holdNext();
      const slow = h.cache.read('creator:c', r.load); // reads the old row, answers late
      await tick();
      await h.cache.write(['creator:c'], async () => void (r.db.title = 'new'));
      release();
      expect((await slow)!.title).to.equal('Hoodie'); // it began before the write ended: either is fine
      expect((await get('creator:c', r.load)).title).to.equal('new');
    });

    it('does not store a read that loaded while a write was in progress', async () => {
      const r = row();
      let commit!: () => void;
      const writing = h.cache.write(
        ['creator:c'],
        () => new Promise<void>((res) => (commit = () => ((r.db.title = 'new'), res()))),
      );
      await tick();
      expect((await get('creator:c', r.load)).title).to.equal('Hoodie');
      commit();
      await writing;
      expect((await get('creator:c', r.load)).title).to.equal('new');
    });

    describe('losing its data', () => {
      when(caps.lose)(
        'does not store a read that may predate a raise it lost, until that raise is long settled',
        async () => {
          const r = row({ sold: 5 });
          await h.cache.read('drop:d-1', r.load);
          const settle = await h.cache.raise('drop:d-1', 'sold', 6); // the order is still in its transaction
          await h.lose!();
          expect((await get('drop:d-1', r.load)).sold).to.equal(5); // not committed yet: fine
          r.db.sold = 6; // commits
          await settle(true);
          expect((await get('drop:d-1', r.load)).sold).to.equal(6);
        },
      );
    });

    describe('unreachable', () => {
      when(caps.cut)(
        'refuses writes and raises (the write must not happen) and serves reads from the loader',
        async () => {
          const r = row();
          await h.cache.read('product:p', r.load);
          const outage = await h.cut!();
          try {
            let ran = false;
            const err = await h.cache.write(['product:p'], async () => void (ran = true)).catch((e: unknown) => e);
            expect(err).to.be.instanceOf(UnavailableError);
            expect(ran).to.equal(false);
            expect(await h.cache.raise('drop:d-1', 'sold', 1).catch((e: unknown) => e)).to.be.instanceOf(
              UnavailableError,
            );
            r.db.title = 'seen from the database';
            expect((await get('product:p', r.load)).title).to.equal('seen from the database');
          } finally {
            await outage.heal();
          }
        },
      );
    });
  });
}
