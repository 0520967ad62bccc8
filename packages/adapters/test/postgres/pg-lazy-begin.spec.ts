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
      const record = (key: string) => ({ userId: buyer.id, key, fingerprint: 'fp', outcome: { ok: false as const, error: { code: 'sold_out' as const, message: 'sold out', extensions: {} } }, createdAt: clock.now() });

      const refused = await statementsOf(() => data.uow.run(async (tx) => tx.idempotency.save(record('k1'))));
      expect(refused).to.deep.equal(['ld_flush_k']);
      expect(await rawQuery('SELECT key FROM idempotency_keys WHERE user_id = $1', buyer.id)).to.deep.equal([{ key: 'k1' }]);

      // The same key again: refused as in use, and (one statement) nothing else was written.
      let error: unknown;
      await data.uow.run(async (tx) => tx.idempotency.save(record('k1'))).catch((e: unknown) => (error = e));
      expect((error as { code?: string }).code).to.equal('idempotency_key_in_use');

      const bought = await statementsOf(() =>
        data.uow.run(async (tx) => {
          expect((await tx.inventory.reserve({ dropId: drop.id, userId: buyer.id, quantity: 1, perUserLimit: null })).ok).to.equal(true);
          await tx.idempotency.save(record('k2'));
        }),
      );
      expect(bought[0]).to.equal('BEGIN');
      expect(bought.at(-1)).to.equal('COMMIT');
      expect(await rawQuery('SELECT sold FROM drops WHERE id = $1', drop.id)).to.deep.equal([{ sold: 1 }]);

      // Nothing read or written: no round trip at all.
      expect(await statementsOf(() => data.uow.run(async () => 42))).to.deep.equal([]);

      // An order offered whole that crosses no line: one statement writes all of it.
      const order = { id: 'o-quiet', userId: buyer.id, dropId: drop.id, quantity: 1, unitPriceCents: drop.priceCents, totalCents: drop.priceCents, currency: drop.currency, status: 'confirmed' as const, createdAt: clock.now() };
      const event = { id: 'e-quiet', type: 'order.confirmed' as const, dropId: drop.id, creatorId: drop.creatorId, userId: buyer.id, data: { orderId: order.id }, createdAt: clock.now() };
      const ifQuiet = (key: string) => ({ above: 0, order, events: [event], record: { ...record(key), outcome: { ok: true as const, order } } });
      const offer = (key: string) => data.uow.run((tx) => tx.inventory.reserve({ dropId: drop.id, userId: buyer.id, quantity: 1, perUserLimit: null, ifQuiet: ifQuiet(key) }));
      let result: unknown;
      expect(await statementsOf(async () => (result = await offer('k3')))).to.deep.equal(['ld_quiet_order']);
      expect(result).to.deep.equal({ ok: true, sold: 2, total: drop.total, recorded: true });
      expect(await rawQuery("SELECT (SELECT count(*)::int FROM orders WHERE id = 'o-quiet') AS o, (SELECT count(*)::int FROM outbox WHERE id = 'e-quiet') AS e, (SELECT outcome->>'ok' FROM idempotency_keys WHERE key = 'k3') AS k"))
        .to.deep.equal([{ o: 1, e: 1, k: 'true' }]);
      // Its key taken: the statement undoes itself and the unit goes the long way (and writes no order).
      const declined = await statementsOf(async () => (result = await offer('k1')));
      expect(declined.slice(0, 3)).to.deep.equal(['ld_quiet_order', 'BEGIN', 'ld_stock_take']);
      expect(result).to.deep.equal({ ok: true, sold: 3, total: drop.total });
      expect(await rawQuery("SELECT count(*)::int AS n FROM orders WHERE id = 'o-quiet'")).to.deep.equal([{ n: 1 }]);
    } finally {
      await data.close();
    }
  });
});
