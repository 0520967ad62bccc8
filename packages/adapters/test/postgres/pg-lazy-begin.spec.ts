import { expect } from 'chai';
import pg from 'pg';
import { FakeClock } from '../../src/system/clocks.js';
import { selectedAdapters } from '../harness.js';
import { describePostgres, freshDatabase, rawQuery } from './pg-harness.js';
import { pgFixtures, pgInstance } from './pg-instances.js';

/** What the engine's clients send while `work` runs: statement names, or the SQL's first words. */
async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, config: unknown, ...rest: unknown[]) {
    const c = config as string | { name?: string; text?: string };
    sent.push(typeof c === 'string' ? c.split(' ')[0]! : (c.name ?? c.text?.trim().split(/\s+/)[0] ?? '?'));
    return (original as (...a: unknown[]) => unknown).call(this, config, ...rest);
  } as typeof original;
  try {
    await work();
  } finally {
    pg.Client.prototype.query = original;
  }
  return sent;
}

describePostgres(selectedAdapters())('postgres: transactions open only when needed', () => {
  it('a unit whose only write is an idempotency record (a refused order) is one statement; a reserve opens BEGIN … COMMIT', async function () {
    this.timeout(20_000);
    const clock = new FakeClock();
    const { data } = await pgInstance(await freshDatabase(), clock, 'lazy-begin');
    try {
      const f = pgFixtures(data, clock);
      const [buyer, drop] = [await f.user(), await f.drop()];
      const record = (key: string) => ({
        userId: buyer.id,
        key,
        fingerprint: 'fp',
        outcome: { ok: false as const, error: { code: 'sold_out' as const, message: 'sold out', extensions: {} } },
        createdAt: clock.now(),
      });

      const refused = await statementsOf(() => data.uow.run(async (tx) => tx.idempotency.save(record('k1'))));
      expect(refused).to.deep.equal(['ld_flush_k']);
      expect(await rawQuery('SELECT key FROM idempotency_keys WHERE user_id = $1', buyer.id)).to.deep.equal([
        { key: 'k1' },
      ]);

      // The same key again: refused as in use, and (one statement) nothing else was written.
      let error: unknown;
      await data.uow.run(async (tx) => tx.idempotency.save(record('k1'))).catch((e: unknown) => (error = e));
      expect((error as { code?: string }).code).to.equal('idempotency_key_in_use');

      const bought = await statementsOf(() =>
        data.uow.run(async (tx) => {
          expect(
            (await tx.inventory.reserve({ dropId: drop.id, userId: buyer.id, quantity: 1, perUserLimit: null })).ok,
          ).to.equal(true);
          await tx.idempotency.save(record('k2'));
        }),
      );
      expect(bought[0]).to.equal('BEGIN');
      expect(bought.at(-1)).to.equal('COMMIT');
      expect(await rawQuery('SELECT sold FROM drops WHERE id = $1', drop.id)).to.deep.equal([{ sold: 1 }]);

      // Nothing read or written: no round trip at all.
      expect(await statementsOf(() => data.uow.run(async () => 42))).to.deep.equal([]);
    } finally {
      await data.close();
    }
  });
});
