import { expect } from 'chai';
import { FakeClock } from '../../src/system/clocks.js';
import { selectedAdapters } from '../harness.js';
import { describePostgres, freshDatabase, rawQuery } from './pg-harness.js';
import { pgFixtures, pgInstance } from './pg-instances.js';

describePostgres(selectedAdapters())('postgres: deadlocks', () => {
  it('reruns the unit of work Postgres picked as the deadlock victim (40P01), once', async function () {
    this.timeout(20_000);
    const clock = new FakeClock();
    const { data } = await pgInstance(await freshDatabase(), clock, 'deadlock');
    try {
      const f = pgFixtures(data, clock);
      const [a, b] = [await f.drop(), await f.drop()];
      let attempts = 0;
      let arrived = 0;
      let release!: () => void;
      const bothHoldOne = new Promise<void>((r) => (release = r));
      // Each unit locks one drop row, waits until the other holds the other row, then asks
      // for it: a cycle, which Postgres breaks after deadlock_timeout by failing one of them.
      const unit = (first: string, second: string) =>
        data.uow.run(async (tx) => {
          const attempt = ++attempts;
          await tx.drops.markStarted(first, 1);
          if (attempt <= 2) {
            if (++arrived === 2) release();
            await bothHoldOne;
          }
          await tx.drops.markStarted(second, 2);
          return attempt;
        });
      const done = await Promise.all([unit(a.id, b.id), unit(b.id, a.id)]);
      expect(attempts).to.equal(3); // the victim ran again, after the survivor committed
      expect(done).to.include(3);
      expect(await rawQuery('SELECT COUNT(*)::int AS n FROM drops WHERE started_at IS NOT NULL')).to.deep.equal([
        { n: 2 },
      ]);
    } finally {
      await data.close();
    }
  });
});
