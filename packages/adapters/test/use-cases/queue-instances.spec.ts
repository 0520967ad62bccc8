import { expect } from 'chai';
import type { UseCases, User } from '@livedrops/core';
import { FakeClock } from '../../src/system/clocks.js';
import { selectedAdapters } from '../harness.js';
import { describePostgres, freshDatabase, rawQuery, terminateConnections } from '../postgres/pg-harness.js';
import { pgFixtures, pgInstance, type PgAdapters } from '../postgres/pg-instances.js';

const MIN = 60_000;

/**
 * Three instances admitting from one waiting room on one PostgreSQL database; one dies in the
 * middle of an admission step (its connections are cut). The others go on from what was
 * committed: nobody is admitted twice, nobody is lost from the line, and every unit is sold.
 */
describePostgres(selectedAdapters())('waiting rooms: three instances, one killed mid-admission', () => {
  let nodes: Array<{ data: PgAdapters; uc: UseCases }> = [];
  const clock = new FakeClock();
  beforeEach(async () => {
    const url = await freshDatabase();
    nodes = await Promise.all([0, 1, 2].map((i) => pgInstance(url, clock, `livedrops-queue-${i}`)));
  });
  afterEach(() => Promise.all(nodes.map((n) => n.data.close().catch(() => undefined))));

  it('the survivors admit everyone once, sell every unit and close the line for the rest', async function () {
    this.timeout(60_000);
    const f = pgFixtures(nodes[0]!.data, clock);
    const creator = await f.creator();
    const product = await f.product(creator.id);
    const now = clock.now();
    const [a, b, c] = nodes as [(typeof nodes)[0], (typeof nodes)[0], (typeof nodes)[0]];
    const drop = await a.uc.drops.schedule(creator, {
      productId: product.id,
      startsAt: now + MIN,
      endsAt: now + 60 * MIN,
      stock: 40,
      access: 'queue',
    });
    const users: User[] = [];
    for (let i = 0; i < 150; i++) users.push(await f.user());
    for (const [i, u] of users.entries()) await nodes[i % 3]!.uc.queues.join(u, drop.id);
    clock.advance(MIN);
    expect((await Promise.all(nodes.map((n) => n.uc.runDueShuffles.execute()))).reduce((x, y) => x + y)).to.equal(1);

    // c dies while stepping: whatever it had not committed is gone with it.
    const dying = c.uc.admitFromQueues.execute().catch(() => 0);
    await terminateConnections('livedrops-queue-2');
    await dying;
    const buy = async (n: (typeof nodes)[0]) => {
      for (const u of users) {
        const place = await n.uc.queues.status(u, drop.id);
        if (place.state !== 'admitted' || !place.pass) continue;
        await n.uc.placeOrder.execute(u, `buy-${u.id}`, { dropId: drop.id, quantity: 1, pass: place.pass });
      }
    };
    for (let round = 0; round < 10; round++) {
      await Promise.all([a.uc.admitFromQueues.execute(), b.uc.admitFromQueues.execute()]);
      await buy(round % 2 ? a : b);
    }

    const admitted = await rawQuery(
      "SELECT user_id, COUNT(*)::int AS n FROM outbox WHERE drop_id = ? AND type = 'queue.admitted' GROUP BY user_id",
      drop.id,
    );
    expect(admitted.filter((r) => r.n !== 1)).to.deep.equal([]);
    expect(admitted).to.have.length(40);
    const states = await rawQuery(
      'SELECT state, COUNT(*)::int AS n FROM queue_entries WHERE drop_id = ? GROUP BY state',
      drop.id,
    );
    expect(Object.fromEntries(states.map((s) => [s.state, s.n]))).to.deep.equal({ admitted: 40, closed: 110 });
    const [sold] = await rawQuery('SELECT sold FROM drops WHERE id = ?', drop.id);
    expect(Number(sold!.sold)).to.equal(40);
  });
});
