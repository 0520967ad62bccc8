import { expect } from 'chai';
import { useHarness, type Harness } from '../harness.js';
import { fixtures, HOUR } from './fixtures.js';

/** FairnessRepository and the drops' access fields: seeds stored with their drop, never on it. */
export function fairnessContract(make: () => Promise<Harness>): void {
  describe('FairnessRepository', () => {
    const ctx = useHarness(make);

    it("stores a draw drop's access fields and its seed with it, the seed apart from the drop", async () => {
      const { drops, fairness } = ctx.h.ports;
      const now = ctx.h.clock.now();
      const f = fixtures(ctx.h);
      const creatorId = (await f.creator()).id;
      const productId = (await f.product(creatorId)).id;
      const row = {
        id: 'd-fair-1',
        creatorId,
        productId,
        priceCents: 100,
        currency: 'EUR',
        startsAt: now + HOUR,
        endsAt: now + 2 * HOUR,
        total: 3,
        perUserLimit: null,
        lowStockThreshold: 1,
        createdAt: now,
        access: 'draw' as const,
        followersFirstUntil: now + HOUR + 60_000,
        entriesOpenAt: now,
        entriesCloseAt: now + HOUR,
        commitment: 'ab'.repeat(32),
      };
      await drops.create(row, { seed: 'cd'.repeat(32) });
      const drop = await drops.findById(row.id);
      expect(drop).to.include({
        access: 'draw',
        followersFirstUntil: row.followersFirstUntil,
        entriesOpenAt: now,
        entriesCloseAt: now + HOUR,
        commitment: row.commitment,
      });
      expect(JSON.stringify(drop)).to.not.include('cd'.repeat(32));
      expect(await fairness.seedOf(row.id)).to.equal('cd'.repeat(32));
      expect(await fairness.shuffleOf(row.id)).to.equal(null);
    });

    it('nextShuffleAt: the earliest unclaimed, uncancelled shuffle, a draw by its close and a queue by its start', async () => {
      const { drops, fairness, uow } = ctx.h.ports;
      const now = ctx.h.clock.now();
      const f = fixtures(ctx.h);
      const creatorId = (await f.creator()).id;
      const productId = (await f.product(creatorId)).id;
      const base = {
        creatorId,
        productId,
        priceCents: 100,
        currency: 'EUR',
        endsAt: now + 5 * HOUR,
        total: 3,
        perUserLimit: null,
        lowStockThreshold: 1,
        createdAt: now,
        followersFirstUntil: null,
        commitment: 'ab'.repeat(32),
      };
      expect(await fairness.nextShuffleAt()).to.equal(null);
      await f.drop(); // an open drop never shuffles
      const queue = { ...base, id: 'd-next-q', access: 'queue' as const, startsAt: now + 2 * HOUR };
      const draw = { ...base, id: 'd-next-d', access: 'draw' as const, startsAt: now + 3 * HOUR };
      await drops.create({ ...queue, entriesOpenAt: null, entriesCloseAt: null }, { seed: 'cd'.repeat(32) });
      await drops.create({ ...draw, entriesOpenAt: now, entriesCloseAt: now + HOUR }, { seed: 'ef'.repeat(32) });
      expect(await fairness.nextShuffleAt()).to.equal(now + HOUR);
      expect(await uow.run((tx) => tx.fairness.claim(draw.id, now))).to.equal(true);
      expect(await fairness.nextShuffleAt()).to.equal(now + 2 * HOUR);
      await drops.cancel(queue.id, now);
      expect(await fairness.nextShuffleAt()).to.equal(null);
    });

    it('an open drop has no seed, no commitment and access "open"', async () => {
      const drop = await fixtures(ctx.h).drop();
      expect(drop).to.include({
        access: 'open',
        followersFirstUntil: null,
        entriesOpenAt: null,
        entriesCloseAt: null,
        commitment: null,
      });
      expect(await ctx.h.ports.fairness.seedOf(drop.id)).to.equal(null);
    });
  });
}
