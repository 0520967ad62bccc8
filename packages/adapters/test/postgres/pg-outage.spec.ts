import { UnavailableError } from '@livedrops/core';
import { expect } from 'chai';
import { ADAPTER_TOKENS, createContainer, type Readiness } from '../../src/container.js';
import { loadConfig } from '../../src/config.js';
import { createPostgresAdapters } from '../../src/postgres/create-postgres-adapters.js';
import { FakeClock } from '../../src/system/clocks.js';
import { selectedAdapters } from '../harness.js';
import { describePostgres, freshDatabase, rawQuery, terminateConnections } from './pg-harness.js';
import { pgFixtures, pgInstance } from './pg-instances.js';
import { TcpProxy } from '@livedrops/test-support';

describePostgres(selectedAdapters())('postgres: losing the database', () => {
  it('answers UnavailableError from every port when nothing listens, and ping fails', async () => {
    const data = await createPostgresAdapters({
      url: 'postgres://postgres@127.0.0.1:1/none',
      clock: new FakeClock(),
      migrate: false,
    });
    try {
      for (const call of [
        () => data.users.findById('u'),
        () => data.uow.run(async () => 1),
        () => data.feed.head(),
        () => data.outbox.pending(1),
      ]) {
        expect(await call().catch((e: unknown) => e)).to.be.instanceOf(UnavailableError);
      }
      expect(
        await data.ping().then(
          () => 'up',
          () => 'down',
        ),
      ).to.equal('down');
    } finally {
      await data.close();
    }
  });

  it('leaves nothing half-done when the connection dies inside an order, then heals by itself', async () => {
    const url = await freshDatabase();
    const clock = new FakeClock();
    const { data } = await pgInstance(url, clock, 'doomed');
    try {
      const f = pgFixtures(data, clock);
      const drop = await f.drop({ total: 5, perUserLimit: 3 });
      const buyer = await f.user();
      const err = await data.uow
        .run(async (tx) => {
          expect(
            (await tx.inventory.reserve({ dropId: drop.id, userId: buyer.id, quantity: 2, perUserLimit: 3 })).ok,
          ).to.equal(true);
          // An admin shutdown (57P01) of every connection of this instance, mid-transaction.
          await terminateConnections('doomed');
          await tx.orders.insert(f.order(drop, buyer.id, 2));
        })
        .catch((e: unknown) => e);
      expect(err).to.be.instanceOf(UnavailableError);
      expect(await rawQuery('SELECT sold FROM drops WHERE id = ?', drop.id)).to.deep.equal([{ sold: 0 }]);
      expect(await rawQuery('SELECT * FROM drop_buyers')).to.deep.equal([]);
      expect(await rawQuery('SELECT * FROM orders')).to.deep.equal([]);
      // The pool dropped the dead connections; the next order gets a new one.
      expect(await f.buy(drop, buyer.id, 2)).to.deep.equal({ ok: true, sold: 2, total: 5 });
    } finally {
      await data.close();
    }
  });

  it('reports database down on readiness while cut off, and serves again once it is back', async function () {
    this.timeout(30_000);
    const url = new URL(await freshDatabase());
    const proxy = await new TcpProxy({ host: url.hostname, port: Number(url.port || 5432) }).start();
    url.host = `127.0.0.1:${proxy.port}`;
    url.searchParams.set('connect_timeout', '1000');
    const container = await createContainer(loadConfig({ DATABASE_URL: url.toString() }), { clock: new FakeClock() });
    try {
      const readiness = container.get<Readiness>(ADAPTER_TOKENS.Readiness);
      const data = container.get<Awaited<ReturnType<typeof createPostgresAdapters>>>(ADAPTER_TOKENS.Data);
      const f = pgFixtures(data, new FakeClock());
      const drop = await f.drop({ total: 5 });
      const buyer = await f.user();
      expect(await readiness()).to.deep.equal({ database: 'up' });

      await proxy.cut();
      expect(await readiness()).to.deep.equal({ database: 'down' });
      expect(await f.buy(drop, buyer.id, 1).catch((e: unknown) => e)).to.be.instanceOf(UnavailableError);
      expect(await data.drops.findById(drop.id).catch((e: unknown) => e)).to.be.instanceOf(UnavailableError);

      await proxy.restore();
      expect(await readiness()).to.deep.equal({ database: 'up' });
      expect(await f.buy(drop, buyer.id, 1)).to.deep.equal({ ok: true, sold: 1, total: 5 });
    } finally {
      await container.unbindAllAsync();
      await proxy.cut();
    }
  });
});
