import { IdempotencyKeyInUseError } from '@livedrops/core';
import { expect } from 'chai';
import { FakeClock } from '../../src/system/clocks.js';
import { selectedAdapters } from '../harness.js';
import { describePostgres, freshDatabase, rawQuery, terminateConnections } from './pg-harness.js';
import { pgFixtures, pgInstance } from './pg-instances.js';

type Instance = Awaited<ReturnType<typeof pgInstance>>;

describePostgres(selectedAdapters())('postgres: three instances on one database', () => {
  let clock: FakeClock;
  let instances: Instance[] = [];

  beforeEach(async () => {
    const url = await freshDatabase();
    clock = new FakeClock();
    instances = await Promise.all([1, 2, 3].map((i) => pgInstance(url, clock, `instance-${i}`)));
  });
  afterEach(async () => {
    await Promise.all(instances.map((i) => i.data.close()));
  });
  const fixturesOn = (i: Instance) => pgFixtures(i.data, clock);

  it('fires drop.started exactly once per drop while three schedulers race', async () => {
    const f = fixturesOn(instances[0]!);
    const creator = await f.creator();
    const drops = await Promise.all(
      Array.from({ length: 30 }, () => f.drop({ creatorId: creator.id, startsAt: clock.now() - 10 })),
    );
    // Every instance runs its scheduler step several times at once, all on the same due drops.
    const fired = await Promise.all([1, 2, 3, 4].flatMap(() => instances.map((i) => i.uc.startDueDrops.execute())));
    expect(fired.reduce((x, y) => x + y, 0)).to.equal(30);
    const rows = await rawQuery("SELECT drop_id FROM outbox WHERE type = 'drop.started' ORDER BY drop_id");
    expect(rows.map((r) => r.drop_id)).to.deep.equal(drops.map((d) => d.id).sort());
    const started = await rawQuery('SELECT COUNT(*) AS n FROM drops WHERE started_at IS NULL');
    expect(Number(started[0]!.n)).to.equal(0);
  });

  it('takes one order for a burst of one key sent to every instance at once', async () => {
    const f = fixturesOn(instances[0]!);
    const drop = await f.drop({ total: 50 });
    const buyer = await f.user();
    const burst = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) =>
        instances[i % 3]!.uc.placeOrder.execute(buyer, 'burst-key', { dropId: drop.id, quantity: 2 }),
      ),
    );
    const answered = burst.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const refused = burst.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    for (const e of refused) expect(e).to.be.instanceOf(IdempotencyKeyInUseError);
    expect(answered.length).to.be.greaterThan(0);
    const orderIds = new Set(answered.map((a) => (a.outcome.ok ? a.outcome.order.id : 'refused')));
    expect(orderIds.size).to.equal(1);
    expect(answered.filter((a) => !a.replayed)).to.have.length(1);
    expect(await rawQuery('SELECT id FROM orders')).to.have.length(1);
    expect(await rawQuery('SELECT sold FROM drops WHERE id = ?', drop.id)).to.deep.equal([{ sold: 2 }]);
    expect(await rawQuery('SELECT key FROM idempotency_keys')).to.have.length(1);
  });

  it('relays from several instances at once without publishing a row twice', async () => {
    const f = fixturesOn(instances[0]!);
    const drop = await f.drop();
    for (let i = 0; i < 10; i++) {
      await instances[i % 3]!.data.uow.run((tx) =>
        tx.outbox.append(
          Array.from({ length: 10 }, (_, k) => ({
            id: `ev-${i}-${k}`,
            type: 'stock.low' as const,
            dropId: drop.id,
            creatorId: drop.creatorId,
            userId: null,
            data: {},
            createdAt: 1,
          })),
        ),
      );
    }
    // All three claim at once: SKIP LOCKED hands each its own rows.
    const claims = await Promise.all(instances.map((i) => i.data.outbox.pending(40)));
    const seqs = claims.flat().map((e) => e.seq);
    expect(new Set(seqs).size).to.equal(seqs.length);
    expect(seqs.length).to.equal(100);
    await Promise.all(
      instances.map((inst, k) =>
        inst.data.outbox.markPublished(
          claims[k]!.map((e) => e.seq),
          5,
        ),
      ),
    );
    expect(await instances[0]!.data.outbox.pending(10)).to.deep.equal([]);
    // Positions are 1..100 with no gap, in insert order here (every unit had committed).
    const rows = await rawQuery('SELECT seq, id FROM outbox ORDER BY seq');
    expect(rows.map((r) => Number(r.seq))).to.deep.equal(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it("gives a dead instance's claim to another at once (the claim dies with its connection)", async () => {
    const f = fixturesOn(instances[0]!);
    const drop = await f.drop();
    await instances[0]!.data.uow.run((tx) =>
      tx.outbox.append(
        [1, 2, 3].map((k) => ({
          id: `dead-${k}`,
          type: 'stock.low' as const,
          dropId: drop.id,
          creatorId: drop.creatorId,
          userId: null,
          data: {},
          createdAt: 1,
        })),
      ),
    );
    expect(await instances[0]!.data.outbox.pending(10)).to.have.length(3);
    expect(await instances[1]!.data.outbox.pending(10)).to.deep.equal([]); // claimed by instance 1
    await terminateConnections('instance-1');
    const taken = await instances[1]!.data.outbox.pending(10);
    expect(taken.map((e) => e.event.id)).to.deep.equal(['dead-1', 'dead-2', 'dead-3']);
  });
});
