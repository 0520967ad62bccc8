import { expect } from 'chai';
import { useHarness, type ContractOptions, type Harness } from '../harness.js';
import { fixtures } from './fixtures.js';
import { event } from './unit-of-work.contract.js';

/** DropActivity: what a drop's dashboard counts, from the engine's own rows. */
export function dropActivityContract(make: () => Promise<Harness>, _opts: ContractOptions = {}): void {
  describe('DropActivity', () => {
    const ctx = useHarness(make);

    it("counts one drop's confirmed orders: how many, by how many buyers, first, last, since a time", async () => {
      const f = fixtures(ctx.h);
      const [drop, other] = [await f.drop({ total: 50 }), await f.drop({ total: 50 })];
      const [ann, bob] = [await f.user(), await f.user()];
      expect(await ctx.h.ports.activity.orders(drop.id, 0)).to.deep.equal({
        count: 0,
        buyers: 0,
        firstAt: null,
        lastAt: null,
        countSince: 0,
      });
      const placed = [
        f.order(drop, ann.id, 2, 1_000),
        f.order(drop, bob.id, 1, 2_000),
        f.order(drop, ann.id, 3, 3_000),
      ];
      await ctx.h.ports.uow.run(async (tx) => {
        for (const o of [...placed, f.order(other, bob.id, 1, 9_000)]) await tx.orders.insert(o);
      });
      const activity = ctx.h.ports.activity;
      expect(await activity.orders(drop.id, 2_000)).to.deep.equal({
        count: 3,
        buyers: 2,
        firstAt: 1_000,
        lastAt: 3_000,
        countSince: 2,
      });
      expect((await activity.orders(drop.id, 3_001)).countSince).to.equal(0);
      expect(await activity.orders(other.id, 0)).to.deep.equal({
        count: 1,
        buyers: 1,
        firstAt: 9_000,
        lastAt: 9_000,
        countSince: 1,
      });
    });

    it("lists one drop's follower events in commit order, pending until the relay marks them", async () => {
      const f = fixtures(ctx.h);
      const [drop, other] = [await f.drop(), await f.drop()];
      const at = (e: ReturnType<typeof event>, createdAt: number) => ({ ...e, createdAt });
      await ctx.h.ports.uow.run((tx) =>
        tx.outbox.append([at(event(drop, 'drop.started'), 100), at(event(other, 'drop.started'), 100)]),
      );
      await ctx.h.ports.uow.run((tx) =>
        tx.outbox.append([
          at(event(drop, 'order.confirmed', 'u-1'), 200),
          at(event(drop, 'stock.low'), 200),
          at(event(drop, 'drop.sold_out'), 200),
        ]),
      );
      const pending = await ctx.h.ports.outbox.pending(10);
      const started = pending
        .filter((p) => p.event.dropId === drop.id && p.event.type === 'drop.started')
        .map((p) => p.seq);
      await ctx.h.ports.outbox.markPublished(started, 130);
      expect(await ctx.h.ports.activity.followerEvents(drop.id)).to.deep.equal([
        { type: 'drop.started', createdAt: 100, publishedAt: 130 },
        { type: 'stock.low', createdAt: 200, publishedAt: null },
        { type: 'drop.sold_out', createdAt: 200, publishedAt: null },
      ]);
      expect(await ctx.h.ports.activity.followerEvents('no-such-drop')).to.deep.equal([]);
    });

    it('counts the followers told at a time, and which of them bought', async () => {
      const f = fixtures(ctx.h);
      const creator = await f.creator();
      const drop = await f.drop({ creatorId: creator.id, total: 50 });
      const elsewhere = await f.creator();
      const [early, onTime, late, gone, stranger, otherFan] = await Promise.all(
        Array.from({ length: 6 }, () => f.user()),
      );
      const follows = ctx.h.ports.follows;
      await follows.follow(early!.id, creator.id, 100);
      await follows.follow(onTime!.id, creator.id, 500);
      await follows.follow(late!.id, creator.id, 501);
      await follows.follow(gone!.id, creator.id, 200);
      await follows.unfollow(gone!.id, creator.id);
      await follows.follow(otherFan!.id, elsewhere.id, 100);
      await ctx.h.ports.uow.run(async (tx) => {
        for (const u of [early!, early!, late!, gone!, stranger!, otherFan!])
          await tx.orders.insert(f.order(drop, u.id, 1, 600));
      });
      // Told at 500: early and onTime (gone unfollowed since); of them only early bought (twice).
      expect(await ctx.h.ports.activity.audience(drop.id, creator.id, 500)).to.deep.equal({ notified: 2, buyers: 1 });
      expect(await ctx.h.ports.activity.audience(drop.id, creator.id, 99)).to.deep.equal({ notified: 0, buyers: 0 });
      expect(await ctx.h.ports.activity.audience(drop.id, creator.id, 10_000)).to.deep.equal({
        notified: 3,
        buyers: 2,
      });
    });
  });
}
