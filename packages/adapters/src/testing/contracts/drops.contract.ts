import { inStatusList, type Cursor, type Drop, type DropListStatus } from '@livedrops/core';
import { expect } from 'chai';
import { group, useHarness, type ContractOptions, type Harness } from '../harness.js';
import { fixtures, HOUR, ids } from './fixtures.js';

async function walk(h: Harness, status: DropListStatus | undefined, creatorId?: string): Promise<Drop[]> {
  const out: Drop[] = [];
  let after: Cursor | undefined;
  do {
    const page = await h.ports.drops.list({ status, creatorId, now: h.clock.now() }, { limit: 2, after });
    out.push(...page.items);
    after = page.next ?? undefined;
  } while (after);
  return out;
}

/** DropRepository: joined titles, atomic cancel, the status lists and the scheduler's query. */
export function dropsContract(make: () => Promise<Harness>, opts: ContractOptions = {}): void {
  describe('DropRepository', () => {
    const ctx = useHarness(make);

    it("stores a drop and reads it with its product's current title but its own price", async () => {
      const f = fixtures(ctx.h);
      const creator = await f.creator();
      const product = await f.product(creator.id, { title: 'Tee', priceCents: 2500 });
      const drop = await f.drop({
        creatorId: creator.id,
        productId: product.id,
        priceCents: 2500,
        total: 7,
        perUserLimit: 2,
      });
      expect(drop).to.include({
        productTitle: 'Tee',
        priceCents: 2500,
        total: 7,
        sold: 0,
        perUserLimit: 2,
        cancelledAt: null,
        startedAt: null,
      });
      await ctx.h.ports.products.update(product.id, { title: 'Tee, reissued', priceCents: 9900 });
      expect(await ctx.h.ports.drops.findById(drop.id)).to.deep.equal({ ...drop, productTitle: 'Tee, reissued' });
      expect(await ctx.h.ports.drops.findById('nope')).to.equal(null);
    });

    it('finds many drops by id in one call, with their titles; unknown ids and duplicates left out', async () => {
      const f = fixtures(ctx.h);
      const [a, b] = [await f.drop(), await f.drop({ total: 3 })];
      const found = await ctx.h.ports.drops.findByIds([b.id, 'nope', a.id, a.id]);
      expect([...found].sort((x, y) => (x.id < y.id ? -1 : 1))).to.deep.equal([a, b]);
      expect(await ctx.h.ports.drops.findByIds([])).to.deep.equal([]);
    });

    it('cancels once: a repeat keeps the first time; unknown ids give null', async () => {
      const { drops } = ctx.h.ports;
      const drop = await fixtures(ctx.h).drop();
      expect(await drops.cancel(drop.id, 111)).to.deep.equal({ ...drop, cancelledAt: 111 });
      expect(await drops.cancel(drop.id, 222)).to.deep.equal({ ...drop, cancelledAt: 111 });
      expect(await drops.cancel('nope', 1)).to.equal(null);
    });

    it('refuses every order once cancel has returned, and leaves stock untouched', async () => {
      const f = fixtures(ctx.h);
      const drop = await f.drop({ total: 5 });
      const buyer = await f.user();
      expect((await f.buy(drop, buyer.id, 2)).ok).to.equal(true);
      await ctx.h.ports.drops.cancel(drop.id, ctx.h.clock.now());
      expect(await f.buy(drop, buyer.id, 1)).to.deep.equal({ ok: false, reason: 'cancelled' });
      expect(await ctx.h.raw.sold(drop.id)).to.equal(2);
    });

    group('concurrency', opts, () => {
      it('cancels atomically with in-flight orders: stock and order rows agree, nothing after', async () => {
        const f = fixtures(ctx.h);
        const drop = await f.drop({ total: 100 });
        const buyers = await Promise.all(Array.from({ length: 10 }, () => f.user()));
        const orders = Array.from({ length: 120 }, (_, i) => f.buy(drop, buyers[i % 10]!.id, 1));
        const cancelled = ctx.h.ports.drops.cancel(drop.id, ctx.h.clock.now());
        await Promise.all([...orders, cancelled]);
        expect(await f.buy(drop, buyers[0]!.id, 1)).to.deep.equal({ ok: false, reason: 'cancelled' });
        expect(await ctx.h.raw.sold(drop.id)).to.equal(await ctx.h.raw.orderQuantitySum(drop.id));
      });
    });

    it('lists each status in its order, ties by id, over keyset pages and per creator', async () => {
      const f = fixtures(ctx.h);
      const now = ctx.h.clock.now();
      const [ann, ben] = [await f.creator(), await f.creator()];
      const at = (start: number, end: number, creatorId = ann.id, extra = {}) =>
        f.drop({
          creatorId,
          startsAt: now + start * HOUR,
          endsAt: now + end * HOUR,
          createdAt: now - 50 * HOUR + start * HOUR,
          ...extra,
        });
      const made = [
        await at(2, 3),
        await at(1, 3),
        await at(1, 4, ben.id),
        await at(0.5, 2), // upcoming
        await at(-1, 1),
        await at(-2, 1, ben.id),
        await at(-1, 2),
        await at(0, 1), // live (one starts right now)
        await at(-0.5, 1, ann.id, { total: 1 }), // to be sold out: still live
        await at(-3, -1),
        await at(-4, -2, ben.id),
        await at(-5, -1),
        await at(-1, 0), // ended (one ends right now)
        await at(3, 5), // to be cancelled: ended, though its window is ahead
        await at(-0.2, 2, ben.id, { total: 1 }), // sold out too
        await at(-1, 1), // cancelled while live
      ];
      for (const i of [8, 14]) expect((await f.buy(made[i]!, ann.id, 1)).ok).to.equal(true);
      for (const i of [13, 15]) await ctx.h.ports.drops.cancel(made[i]!.id, now);
      const current = await Promise.all(made.map(async (d) => (await ctx.h.ports.drops.findById(d.id))!));
      const key = {
        upcoming: (d: Drop) => d.startsAt,
        live: (d: Drop) => -d.startsAt,
        ended: (d: Drop) => -d.endsAt,
        sold_out: (d: Drop) => -d.startsAt,
        cancelled: (d: Drop) => -d.endsAt,
      };
      for (const status of ['upcoming', 'live', 'ended', 'sold_out', 'cancelled'] as const) {
        const expected = current
          .filter((d) => inStatusList(d, status, now))
          .sort((a, b) => key[status](a) - key[status](b) || (a.id < b.id ? -1 : 1) * (status === 'upcoming' ? 1 : -1));
        expect(expected.length, status).to.be.at.least(2);
        expect(ids(await walk(ctx.h, status)), status).to.deep.equal(ids(expected));
        expect(ids(await walk(ctx.h, status, ben.id)), `${status} of one creator`).to.deep.equal(
          ids(expected.filter((d) => d.creatorId === ben.id)),
        );
      }
      const all = await walk(ctx.h, undefined);
      expect(ids(all)).to.deep.equal(
        ids([...current].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))),
      );
      expect(all.find((d) => d.id === made[8]!.id)).to.deep.equal(current[8]);
    });

    it('finds drops due to start, oldest first: not upcoming, ended, cancelled or already started', async () => {
      const f = fixtures(ctx.h);
      const now = ctx.h.clock.now();
      const due1 = await f.drop({ startsAt: now - 2 * HOUR, endsAt: now + HOUR });
      const due2 = await f.drop({ startsAt: now, endsAt: now + HOUR });
      const started = await f.drop({ startsAt: now - 3 * HOUR, endsAt: now + HOUR });
      await f.drop({ startsAt: now + 1, endsAt: now + HOUR }); // upcoming
      await f.drop({ startsAt: now - 3 * HOUR, endsAt: now }); // ended
      const cancelled = await f.drop({ startsAt: now - 4 * HOUR, endsAt: now + HOUR });
      await ctx.h.ports.drops.cancel(cancelled.id, now);
      expect(await ctx.h.ports.uow.run((tx) => tx.drops.markStarted(started.id, now))).to.equal(true);
      expect(ids(await ctx.h.ports.drops.dueToStart(now, 10))).to.deep.equal([due1.id, due2.id]);
      expect(ids(await ctx.h.ports.drops.dueToStart(now, 1))).to.deep.equal([due1.id]);
      expect((await ctx.h.ports.drops.dueToStart(now, 10))[0]).to.deep.equal(due1);
    });
  });
}
