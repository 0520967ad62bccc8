import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUseCases, DEFAULT_POLICY, type Ports, type UseCases } from '@livedrops/core';
import { expect } from 'chai';
import type { DataAdapters } from '../../src/data-ports.js';
import { SandboxGateway } from '../../src/payments/sandbox-gateway.js';
import { createPostgresAdapters } from '../../src/postgres/create-postgres-adapters.js';
import { createSqliteAdapters } from '../../src/sqlite/create-sqlite-adapters.js';
import { FakeClock } from '../../src/system/clocks.js';
import { checkoutFixtures } from '../../src/testing/contracts/checkout-fixtures.js';
import { describeEngine, selectedAdapters } from '../harness.js';
import { describePostgres, freshDatabase } from '../postgres/pg-harness.js';
import { systemPorts } from '../../src/testing/system-ports.js';

interface Instance {
  data: DataAdapters;
  uc: UseCases;
}

function instance(data: DataAdapters, clock: FakeClock): Instance {
  const ports: Ports = {
    ...data,
    ...systemPorts(clock),
    gateway: new SandboxGateway(data.sandboxLedger),
  };
  return { data, uc: createUseCases(ports, DEFAULT_POLICY) };
}

/**
 * Several instances on one database, each running the checkout loops: a due hold expires
 * once, whichever instance (or how many at once) gets to it, also when the instance that
 * made it is gone; an owed capture is made and recorded once.
 */
function checkoutInstances(open: (clock: FakeClock) => Promise<Instance[]>): void {
  let clock: FakeClock;
  let nodes: Instance[] = [];
  beforeEach(async () => {
    clock = new FakeClock();
    nodes = await open(clock);
  });
  afterEach(async () => {
    await Promise.all(nodes.map((n) => n.data.close().catch(() => undefined)));
  });
  const f = () =>
    checkoutFixtures({ ports: nodes[0]!.data, clock, raw: undefined as never, close: async () => undefined });

  it('three instances racing their expiry loops end every due hold once, even the ones made by an instance now gone', async () => {
    const drop = await f().payDrop({ total: 60, holdSeconds: 30 });
    const buyers = await Promise.all(Array.from({ length: 20 }, () => f().user()));
    const waiting = await Promise.all(Array.from({ length: 10 }, () => f().user()));
    for (const [i, w] of waiting.entries()) await nodes[0]!.data.waitlist.join(drop.id, w.id, clock.now() + i);
    for (let i = 0; i < 60; i++) {
      const r = await nodes[i % 3]!.uc.placeOrder.execute(buyers[i % 20]!, `k${i}`, { dropId: drop.id, quantity: 1 });
      expect(r.outcome.ok).to.equal(true);
    }
    await nodes[2]!.data.close(); // gone before its holds fall due
    const alive = nodes.slice(0, 2);
    clock.advance(30_000);
    const ended = await Promise.all([1, 2, 3].flatMap(() => alive.map((n) => n.uc.expireDueHolds.execute(100))));
    expect(ended.reduce((a, b) => a + b, 0)).to.equal(60);
    const d = (await alive[0]!.data.drops.findById(drop.id))!;
    // 60 returned; 10 of them offered again to the waitlist, as holds of their own.
    expect(d).to.include({ returned: 60, sold: 10 });
    expect(await alive[0]!.data.holds.openCount()).to.equal(10);
    expect(await alive[0]!.data.orders.soldQuantity(drop.id)).to.equal(10);
  });

  it('an owed capture left by a crashed request is made once by whichever settle loop takes it', async () => {
    const drop = await f().payDrop({ total: 5 });
    const buyer = await f().user();
    const order = (await f().hold(drop, buyer.id, 2))!;
    const p = f().payment(order, { status: 'authorized', leaseUntil: clock.now() - 1 });
    await nodes[0]!.data.sandboxLedger.putFirst({
      key: p.id,
      method: p.method,
      amountCents: p.amountCents,
      currency: p.currency,
      status: 'authorized',
      reference: `auth_${p.id}`,
    });
    await nodes[0]!.data.uow.run(async (tx) => {
      await tx.payments.insert(p);
      await tx.holds.confirm(order.id, p.id, clock.now());
    });
    const done = await Promise.all(
      nodes.flatMap((n) => [n.uc.settlePayments.execute(), n.uc.settlePayments.execute()]),
    );
    expect(done.reduce((a, b) => a + b, 0)).to.equal(1);
    expect((await nodes[1]!.data.payments.findById(p.id))?.status).to.equal('captured');
    expect((await nodes[1]!.data.sandboxLedger.get(p.id))?.status).to.equal('captured');
  });
}

describeEngine('sqlite')('sqlite: checkout on three instances sharing one file', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'livedrops-checkout-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  checkoutInstances(async (clock) => {
    const file = join(dir, `db${++n}.sqlite`);
    const nodes: Instance[] = [];
    for (let i = 0; i < 3; i++) nodes.push(instance(await createSqliteAdapters({ filename: file, clock }), clock));
    return nodes;
  });
});

describePostgres(selectedAdapters())('postgres: checkout on three instances sharing one database', () => {
  checkoutInstances(async (clock) => {
    const url = await freshDatabase();
    return Promise.all(
      [1, 2, 3].map(async (i) =>
        instance(
          await createPostgresAdapters({ url, clock, migrate: false, max: 4, applicationName: `checkout-${i}` }),
          clock,
        ),
      ),
    );
  });
});
