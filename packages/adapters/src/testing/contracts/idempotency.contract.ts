import { IdempotencyKeyInUseError, type IdempotencyRecord } from '@livedrops/core';
import { expect } from 'chai';
import { group, useHarness, type ContractOptions, type Harness } from '../harness.js';

const record = (userId: string, key: string, createdAt = 1000): IdempotencyRecord => ({
  userId,
  key,
  fingerprint: '["d-1",2]',
  outcome: { ok: false, error: { code: 'insufficient_stock', message: 'Only 1 left', extensions: { available: 1 } } },
  createdAt,
});

/** IdempotencyStore (and TxContext.idempotency): stored outcomes, per-user keys, the sweeper. */
export function idempotencyContract(make: () => Promise<Harness>, opts: ContractOptions = {}): void {
  describe('IdempotencyStore', () => {
    const ctx = useHarness(make);
    const save = (r: IdempotencyRecord) => ctx.h.ports.uow.run((tx) => tx.idempotency.save(r));

    it('saves a record in a unit of work and finds it with its outcome intact', async () => {
      const r = record('u1', 'key "quoted" é');
      await save(r);
      expect(await ctx.h.ports.idempotency.find('u1', 'key "quoted" é')).to.deep.equal(r);
      expect(await ctx.h.ports.idempotency.find('u1', 'other')).to.equal(null);
    });

    it('scopes keys to the user', async () => {
      await save(record('u1', 'k'));
      await save({ ...record('u2', 'k'), fingerprint: 'other' });
      expect((await ctx.h.ports.idempotency.find('u2', 'k'))?.fingerprint).to.equal('other');
      expect((await ctx.h.ports.idempotency.find('u1', 'k'))?.fingerprint).to.equal('["d-1",2]');
    });

    it('throws IdempotencyKeyInUseError for a second record with the same key, keeping the first', async () => {
      await save(record('u1', 'k'));
      const err = await save({ ...record('u1', 'k'), fingerprint: 'second' }).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(IdempotencyKeyInUseError);
      expect((await ctx.h.ports.idempotency.find('u1', 'k'))?.fingerprint).to.equal('["d-1",2]');
    });

    group('concurrency', opts, () => {
      it('lets one of 30 concurrent saves of one key win', async () => {
        const results = await Promise.allSettled(
          Array.from({ length: 30 }, (_, i) => save({ ...record('u1', 'k'), fingerprint: `f${i}` })),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
        for (const r of results)
          if (r.status === 'rejected') expect(r.reason).to.be.instanceOf(IdempotencyKeyInUseError);
      });
    });

    it('purges records created before a time and says how many', async () => {
      await save(record('u1', 'old', 100));
      await save(record('u2', 'old', 199));
      await save(record('u1', 'new', 200));
      expect(await ctx.h.ports.idempotency.purgeBefore(200, 100)).to.equal(2);
      expect(await ctx.h.ports.idempotency.find('u1', 'old')).to.equal(null);
      expect(await ctx.h.ports.idempotency.find('u1', 'new')).to.not.equal(null);
      expect(await ctx.h.ports.idempotency.purgeBefore(200, 100)).to.equal(0);
      expect(await ctx.h.raw.idempotencyCount()).to.equal(1);
    });

    it('purges at most `limit` records per call, oldest first', async () => {
      for (const [i, at] of [150, 110, 190, 130, 170].entries()) await save(record(`u${i}`, 'k', at));
      await save(record('u9', 'young', 500));
      expect(await ctx.h.ports.idempotency.purgeBefore(200, 2)).to.equal(2);
      expect(await ctx.h.ports.idempotency.find('u1', 'k')).to.equal(null); // 110
      expect(await ctx.h.ports.idempotency.find('u3', 'k')).to.equal(null); // 130
      expect(await ctx.h.ports.idempotency.find('u0', 'k')).to.not.equal(null); // 150 stays for the next chunk
      expect(await ctx.h.ports.idempotency.purgeBefore(200, 2)).to.equal(2);
      expect(await ctx.h.ports.idempotency.purgeBefore(200, 2)).to.equal(1);
      expect(await ctx.h.ports.idempotency.purgeBefore(200, 2)).to.equal(0);
      expect(await ctx.h.raw.idempotencyCount()).to.equal(1);
    });
  });
}
