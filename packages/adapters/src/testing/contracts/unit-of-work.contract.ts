import type { DomainEvent, Drop } from '@livedrops/core';
import { expect } from 'chai';
import { group, useHarness, type ContractOptions, type Harness } from '../harness.js';
import { fixtures, nextId } from './fixtures.js';

export function event(
  drop: Drop,
  type: DomainEvent['type'] = 'order.confirmed',
  userId: string | null = null,
): DomainEvent {
  return {
    id: nextId('e'),
    type,
    dropId: drop.id,
    creatorId: drop.creatorId,
    userId,
    data: { dropId: drop.id, n: 1 },
    createdAt: 5,
  };
}

/** UnitOfWork: all-or-nothing commits, and the stock decision of TxContext.inventory. */
export function unitOfWorkContract(make: () => Promise<Harness>, opts: ContractOptions = {}): void {
  describe('UnitOfWork', () => {
    const ctx = useHarness(make);

    it('commits everything the work wrote', async () => {
      const f = fixtures(ctx.h);
      const drop = await f.drop({ total: 3, perUserLimit: 2 });
      const buyer = await f.user();
      const order = f.order(drop, buyer.id, 2);
      const result = await ctx.h.ports.uow.run(async (tx) => {
        const r = await tx.inventory.reserve({ dropId: drop.id, userId: buyer.id, quantity: 2, perUserLimit: 2 });
        await tx.orders.insert(order);
        await tx.outbox.append([event(drop), event(drop, 'stock.low')]);
        await tx.idempotency.save({
          userId: buyer.id,
          key: 'k1',
          fingerprint: 'fp',
          outcome: { ok: true, order },
          createdAt: 5,
        });
        return r;
      });
      expect(result).to.deep.equal({ ok: true, sold: 2, total: 3 });
      expect(await ctx.h.raw.sold(drop.id)).to.equal(2);
      expect(await ctx.h.raw.tally(drop.id, buyer.id)).to.equal(2);
      expect(await ctx.h.raw.orderQuantitySum(drop.id)).to.equal(2);
      expect((await ctx.h.raw.outbox()).map((r) => r.type)).to.deep.equal(['order.confirmed', 'stock.low']);
      expect(await ctx.h.raw.idempotencyCount()).to.equal(1);
      expect(await ctx.h.ports.orders.findById(order.id)).to.deep.equal(order);
    });

    it('leaves nothing behind when the work throws, and rethrows the same error', async () => {
      const f = fixtures(ctx.h);
      const drop = await f.drop({ total: 3, perUserLimit: 2 });
      const buyer = await f.user();
      const boom = new Error('boom');
      const caught = await ctx.h.ports.uow
        .run(async (tx) => {
          await tx.inventory.reserve({ dropId: drop.id, userId: buyer.id, quantity: 1, perUserLimit: 2 });
          await tx.orders.insert(f.order(drop, buyer.id, 1));
          await tx.outbox.append([event(drop)]);
          await tx.idempotency.save({
            userId: buyer.id,
            key: 'k',
            fingerprint: 'fp',
            outcome: { ok: false, error: { code: 'sold_out', message: 'm', extensions: {} } },
            createdAt: 5,
          });
          await tx.drops.markStarted(drop.id, 9);
          throw boom;
        })
        .catch((e: unknown) => e);
      expect(caught).to.equal(boom);
      expect(await ctx.h.raw.sold(drop.id)).to.equal(0);
      expect(await ctx.h.raw.tally(drop.id, buyer.id)).to.equal(0);
      expect(await ctx.h.raw.orderCount(drop.id)).to.equal(0);
      expect(await ctx.h.raw.outbox()).to.deep.equal([]);
      expect(await ctx.h.raw.idempotencyCount()).to.equal(0);
      expect((await ctx.h.ports.drops.findById(drop.id))?.startedAt).to.equal(null);
      expect(await f.buy(drop, buyer.id, 2)).to.deep.equal({ ok: true, sold: 2, total: 3 }); // and the engine still works
    });

    it('lets repositories be called inside the work (the order use case reads the drop there)', async () => {
      const f = fixtures(ctx.h);
      const drop = await f.drop();
      const timeout = new Promise((_, reject) =>
        setTimeout(() => reject(new Error('deadlock: repository waited on the unit of work')), 3000).unref(),
      );
      const seen = ctx.h.ports.uow.run(async () => {
        const d = await ctx.h.ports.drops.findById(drop.id);
        const u = await ctx.h.ports.users.findById(drop.creatorId);
        const k = await ctx.h.ports.idempotency.find(drop.creatorId, 'none');
        return [d?.id, u?.id, k];
      });
      expect(await Promise.race([seen, timeout])).to.deep.equal([drop.id, drop.creatorId, null]);
    });

    it('lets a repository read inside the work see what the work wrote', async () => {
      const f = fixtures(ctx.h);
      const drop = await f.drop({ total: 3 });
      const buyer = await f.user();
      const order = f.order(drop, buyer.id, 1);
      const seen = await ctx.h.ports.uow.run(async (tx) => {
        await tx.inventory.reserve({ dropId: drop.id, userId: buyer.id, quantity: 1, perUserLimit: null });
        await tx.orders.insert(order);
        await tx.idempotency.save({
          userId: buyer.id,
          key: 'own',
          fingerprint: 'fp',
          outcome: { ok: true, order },
          createdAt: 5,
        });
        return [
          await ctx.h.ports.orders.findById(order.id),
          (await ctx.h.ports.idempotency.find(buyer.id, 'own'))?.fingerprint,
          (await ctx.h.ports.drops.findById(drop.id))?.sold,
        ];
      });
      expect(seen).to.deep.equal([order, 'fp', 1]);
    });

    it('records drop.started once: markStarted answers true only the first time', async () => {
      const drop = await fixtures(ctx.h).drop();
      const { uow } = ctx.h.ports;
      expect(await uow.run((tx) => tx.drops.markStarted(drop.id, 7))).to.equal(true);
      expect(await uow.run((tx) => tx.drops.markStarted(drop.id, 8))).to.equal(false);
      expect(await uow.run((tx) => tx.drops.markStarted('nope', 8))).to.equal(false);
      expect((await ctx.h.ports.drops.findById(drop.id))?.startedAt).to.equal(7);
    });

    group('concurrency', opts, () => {
      it('lets exactly one of 50 concurrent markStarted calls win', async () => {
        const drop = await fixtures(ctx.h).drop();
        const wins = await Promise.all(
          Array.from({ length: 50 }, (_, i) => ctx.h.ports.uow.run((tx) => tx.drops.markStarted(drop.id, 100 + i))),
        );
        expect(wins.filter(Boolean)).to.have.length(1);
      });

      it('keeps concurrent units independent: the ones that throw leave nothing, the others commit', async () => {
        const f = fixtures(ctx.h);
        const drop = await f.drop({ total: 1000 });
        const buyer = await f.user();
        const runs = Array.from({ length: 60 }, (_, i) =>
          ctx.h.ports.uow.run(async (tx) => {
            await tx.inventory.reserve({
              dropId: drop.id,
              userId: buyer.id,
              quantity: 1 + (i % 3),
              perUserLimit: null,
            });
            await tx.orders.insert(f.order(drop, buyer.id, 1 + (i % 3)));
            await tx.outbox.append([event(drop)]);
            if (i % 4 === 1) throw new Error(`unit ${i} fails`);
            return i;
          }),
        );
        const results = await Promise.allSettled(runs);
        const kept = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
        expect(kept).to.deep.equal(Array.from({ length: 60 }, (_, i) => i).filter((i) => i % 4 !== 1));
        const expectedSold = kept.reduce((s, i) => s + 1 + (i % 3), 0);
        expect(await ctx.h.raw.sold(drop.id)).to.equal(expectedSold);
        expect(await ctx.h.raw.orderQuantitySum(drop.id)).to.equal(expectedSold);
        expect(await ctx.h.raw.outbox()).to.have.length(kept.length);
      });
    });

    group('isolation', opts, () => {
      it("hides a running unit of work's writes from reads outside it", async () => {
        const f = fixtures(ctx.h);
        const drop = await f.drop({ total: 5 });
        const buyer = await f.user();
        let release!: () => void;
        const gate = new Promise<void>((r) => (release = r));
        const running = ctx.h.ports.uow.run(async (tx) => {
          await tx.inventory.reserve({ dropId: drop.id, userId: buyer.id, quantity: 3, perUserLimit: null });
          await gate;
          throw new Error('rolled back');
        });
        const outside = ctx.h.ports.drops.findById(drop.id);
        setTimeout(release, 20);
        await running.catch(() => undefined);
        expect((await outside)?.sold).to.equal(0);
      });
    });
  });
}
