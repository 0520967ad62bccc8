import { expect } from 'chai';
import { group, useHarness, type ContractOptions, type Harness } from '../harness.js';
import { fixtures } from './fixtures.js';

/** StreamTicketStore: single use, expiry, housekeeping, one winner under a race. */
export function streamTicketsContract(make: () => Promise<Harness>, opts: ContractOptions = {}): void {
  describe('StreamTicketStore', () => {
    const ctx = useHarness(make);

    it('redeems a ticket once, before it expires', async () => {
      const u = await fixtures(ctx.h).user();
      const store = ctx.h.ports.tickets;
      await store.save({ hash: 'h1', userId: u.id, expiresAt: 1000 });
      expect(await store.take('h1', 999)).to.equal(u.id);
      expect(await store.take('h1', 999)).to.equal(null);
      expect(await store.take('unknown', 0)).to.equal(null);
    });

    it('refuses an expired ticket (and it stays refused)', async () => {
      const u = await fixtures(ctx.h).user();
      const store = ctx.h.ports.tickets;
      await store.save({ hash: 'h2', userId: u.id, expiresAt: 1000 });
      expect(await store.take('h2', 1000)).to.equal(null);
      expect(await store.take('h2', 10)).to.equal(null);
    });

    it('purges expired tickets only', async () => {
      const u = await fixtures(ctx.h).user();
      const store = ctx.h.ports.tickets;
      await store.save({ hash: 'old', userId: u.id, expiresAt: 100 });
      await store.save({ hash: 'new', userId: u.id, expiresAt: 5000 });
      expect(await store.purgeExpired(1000)).to.equal(1);
      expect(await store.take('new', 1000)).to.equal(u.id);
    });

    group('concurrency', opts, () => {
      it('lets exactly one of 20 concurrent takes of one ticket win', async () => {
        const u = await fixtures(ctx.h).user();
        await ctx.h.ports.tickets.save({ hash: 'race', userId: u.id, expiresAt: 10_000 });
        const results = await Promise.all(Array.from({ length: 20 }, () => ctx.h.ports.tickets.take('race', 1)));
        expect(results.filter((r) => r === u.id)).to.have.length(1);
      });
    });
  });
}
