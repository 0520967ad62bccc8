import { expect } from 'chai';
import { useHarness, type ContractOptions, type Harness } from '../harness.js';
import { fixtures } from './fixtures.js';
import { event } from './unit-of-work.contract.js';

/** Outbox (TxContext.outbox) and OutboxRelayStore: transactional rows, seq order, publication, lag. */
export function outboxContract(make: () => Promise<Harness>, _opts: ContractOptions = {}): void {
  describe('OutboxRelayStore', () => {
    const ctx = useHarness(make);

    it('hands out committed events in seq order, intact, up to a limit', async () => {
      const drop = await fixtures(ctx.h).drop();
      const batch1 = [event(drop, 'order.confirmed', 'u-1'), event(drop, 'stock.low')];
      const batch2 = [event(drop, 'drop.sold_out')];
      await ctx.h.ports.uow.run((tx) => tx.outbox.append(batch1));
      await ctx.h.ports.uow.run((tx) => tx.outbox.append(batch2));
      const pending = await ctx.h.ports.outbox.pending(10);
      expect(pending.map((p) => p.event)).to.deep.equal([...batch1, ...batch2]);
      const seqs = pending.map((p) => p.seq);
      expect(seqs).to.deep.equal([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).to.equal(3);
      expect((await ctx.h.ports.outbox.pending(2)).map((p) => p.seq)).to.deep.equal(seqs.slice(0, 2));
    });

    it('writes nothing when the unit of work rolls back', async () => {
      const drop = await fixtures(ctx.h).drop();
      await ctx.h.ports.uow
        .run(async (tx) => {
          await tx.outbox.append([event(drop), event(drop)]);
          throw new Error('rollback');
        })
        .catch(() => undefined);
      expect(await ctx.h.ports.outbox.pending(10)).to.deep.equal([]);
      expect(await ctx.h.raw.outbox()).to.deep.equal([]);
    });

    it('stops handing out published rows; the first publication time stands', async () => {
      const drop = await fixtures(ctx.h).drop();
      await ctx.h.ports.uow.run((tx) => tx.outbox.append([event(drop), event(drop), event(drop)]));
      const [a, b, c] = (await ctx.h.ports.outbox.pending(10)).map((p) => p.seq);
      await ctx.h.ports.outbox.markPublished([a!, c!], 50);
      await ctx.h.ports.outbox.markPublished([a!], 60);
      await ctx.h.ports.outbox.markPublished([], 70);
      expect((await ctx.h.ports.outbox.pending(10)).map((p) => p.seq)).to.deep.equal([b]);
      expect((await ctx.h.raw.outbox()).map((r) => r.publishedAt)).to.deep.equal([50, null, 50]);
    });

    it('reports lag as the age of the oldest unpublished event, 0 when none', async () => {
      const drop = await fixtures(ctx.h).drop();
      expect(await ctx.h.ports.outbox.lag(1000)).to.equal(0);
      await ctx.h.ports.uow.run((tx) =>
        tx.outbox.append([
          { ...event(drop), createdAt: 400 },
          { ...event(drop), createdAt: 700 },
        ]),
      );
      expect(await ctx.h.ports.outbox.lag(1000)).to.equal(600);
      const [first] = await ctx.h.ports.outbox.pending(1);
      await ctx.h.ports.outbox.markPublished([first!.seq], 1000);
      expect(await ctx.h.ports.outbox.lag(1000)).to.equal(300);
    });
  });
}
