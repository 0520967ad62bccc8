import type { AttemptResult } from '@livedrops/core';
import { expect } from 'chai';
import pg from 'pg';
import { attemptOf, bookOf } from '../../src/testing/contracts/order-book.contract.js';
import { fixtures } from '../../src/testing/contracts/fixtures.js';
import { describeEngine, selectedAdapters, useHarness } from '../harness.js';
import { rawQuery, testDatabase } from './pg-harness.js';

const KILL = `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
  WHERE query LIKE '%livedrops_order_batch%' AND state = 'active' AND pid <> pg_backend_pid() AND datname = current_database()`;

// A batch raced against its connection being killed, sometimes while it waits for the
// drop's row lock (surely mid-statement), sometimes at a random moment: all of it or
// none of it is there, and every caller gets its order by replaying its key.
describeEngine('postgres')('postgres: order batch against a crash', () => {
  const pgAdapter = selectedAdapters().find((a) => a.family === 'postgres')!;
  const ctx = useHarness(pgAdapter.make);

  it('is all or nothing, and a replay of each key recovers exactly one order', async function () {
    this.timeout(60_000);
    const url = (await testDatabase()).url;
    const blocker = new pg.Client({ connectionString: url });
    blocker.on('error', () => undefined);
    await blocker.connect();
    try {
      const f = fixtures(ctx.h);
      const buyers = await Promise.all(Array.from({ length: 30 }, () => f.user()));
      let killedMidStatement = 0;
      for (let round = 0; round < 12; round++) {
        const drop = await f.drop({ total: 1000, lowStockThreshold: 1 });
        const hold = round % 2 === 0; // even rounds: the batch surely waits on the row lock when killed
        if (hold)
          await blocker
            .query('BEGIN')
            .then(() => blocker.query('SELECT 1 FROM drops WHERE id = $1 FOR UPDATE', [drop.id]));
        const book = bookOf(ctx.h);
        const attempts = buyers.map((b) => attemptOf(ctx.h, drop, b));
        const placed = attempts.map((a) =>
          book.place(a).then(
            (r) => r,
            (e: unknown) => e as Error,
          ),
        );
        await new Promise((r) => setTimeout(r, hold ? 150 : Math.random() * 20));
        const killed = (await rawQuery(KILL)).length;
        if (hold) await blocker.query('ROLLBACK');
        const results = await Promise.all(placed);
        const failed = results.filter((r) => r instanceof Error).length;
        const rows = Number((await rawQuery('SELECT count(*) AS n FROM orders WHERE drop_id = ?', drop.id))[0]!.n);
        expect([0, attempts.length], `round ${round}: ${rows} of ${attempts.length} orders visible`).to.include(rows);
        if (hold) {
          expect(killed).to.be.greaterThan(0);
          expect(failed).to.equal(attempts.length);
          killedMidStatement++;
        }
        // Every caller replays its key on a fresh book (as a client retrying): one order each, no more.
        const again = bookOf(ctx.h);
        const replay = async (a: (typeof attempts)[number]): Promise<AttemptResult> => {
          // A connection the kill left behind may fail once more, as it would for a client: it retries.
          for (let i = 0; ; i++) {
            try {
              return await again.place(a);
            } catch (e) {
              if (i >= 3) throw e;
            }
          }
        };
        const replays = await Promise.all(attempts.map(replay));
        expect(replays.every((r) => (r.replayed ? r.record.outcome.ok : r.outcome.ok))).to.equal(true);
        expect(replays.filter((r) => r.replayed)).to.have.length(rows);
        expect(Number((await rawQuery('SELECT count(*) AS n FROM orders WHERE drop_id = ?', drop.id))[0]!.n)).to.equal(
          attempts.length,
        );
        expect(await ctx.h.raw.sold(drop.id)).to.equal(attempts.length);
      }
      expect(killedMidStatement).to.equal(6);
    } finally {
      await blocker.end().catch(() => undefined);
    }
  });
});
