import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import {
  createUseCases,
  DEFAULT_POLICY,
  type DomainEvent,
  type EventBus,
  type OutboxRelayStore,
  type Ports,
} from '@livedrops/core';
import { InProcessEventBus } from '../src/runtime/in-process-bus.js';
import { InProcessHub } from '../src/runtime/in-process-hub.js';
import { LiveDelivery } from '../src/runtime/live-delivery.js';
import { NotificationRuntime, DEFAULT_RUNTIME_TUNING } from '../src/runtime/notification-runtime.js';
import { OutboxRelay } from '../src/runtime/outbox-relay.js';
import { createSqliteAdapters } from '../src/sqlite/create-sqlite-adapters.js';
import { FakeClock } from '../src/system/clocks.js';
import { describeEngine } from './harness.js';
import { fixtures } from '../src/testing/contracts/fixtures.js';
import { systemPorts } from '../src/testing/system-ports.js';

/** One "instance": its own adapters (connection) and use cases on a shared SQLite file. */
async function instance(file: string, clock: FakeClock) {
  const data = await createSqliteAdapters({ filename: file, clock });
  const ports: Ports = {
    ...data,
    ...systemPorts(clock),
  };
  return { data, ports, uc: createUseCases(ports, { ...DEFAULT_POLICY, celebrityFollowers: 1 }) };
}

describeEngine('sqlite')('notification runtime (SQLite file, two instances)', () => {
  let dir: string;
  let clock: FakeClock;
  let a: Awaited<ReturnType<typeof instance>>;
  let b: Awaited<ReturnType<typeof instance>>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'livedrops-runtime-'));
    clock = new FakeClock();
    a = await instance(join(dir, 'db.sqlite'), clock);
    b = await instance(join(dir, 'db.sqlite'), clock);
  });
  afterEach(async () => {
    await a.data.close();
    await b.data.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const harness = () => ({ ports: a.data, clock, raw: undefined as never, close: async () => undefined });

  it('fires drop.started exactly once per drop while both instances race the scheduler', async () => {
    const f = fixtures(harness());
    const creator = await f.creator();
    const drops = await Promise.all(
      Array.from({ length: 20 }, () => f.drop({ creatorId: creator.id, startsAt: clock.now() - 10 })),
    );
    const fired = await Promise.all(
      [1, 2, 3].flatMap(() => [a.uc.startDueDrops.execute(), b.uc.startDueDrops.execute()]),
    );
    expect(fired.reduce((x, y) => x + y, 0)).to.equal(20);
    const started = (await a.data.outbox.pending(100)).filter((e) => e.event.type === 'drop.started');
    expect(started.map((e) => e.event.dropId).sort()).to.deep.equal(drops.map((d) => d.id).sort());
    expect(started.every((e) => e.event.fanout === 'write')).to.equal(true); // no followers: fan-out on write
  });

  it('relays at least once in seq order: a failed publish leaves rows pending, a redelivery is deduped', async () => {
    const drop = await fixtures(harness()).drop();
    const buyer = await fixtures(harness()).user();
    const user = { ...buyer };
    for (let i = 0; i < 3; i++) await a.uc.placeOrder.execute(user, `k${i}`, { dropId: drop.id, quantity: 1 });
    let fail = true;
    const seen: DomainEvent[] = [];
    const flaky: EventBus = {
      publish: async (events) => {
        if (fail) throw new Error('broker down');
        seen.push(...events);
      },
      subscribe: async () => async () => undefined,
    };
    const relay = new OutboxRelay(a.data.outbox, flaky, clock, { batchSize: 2 });
    await relay.pass().catch(() => undefined);
    expect(await a.data.outbox.pending(10)).to.have.length(3);
    fail = false;
    expect(await relay.pass()).to.equal(3);
    expect(seen.map((e) => e.seq)).to.deep.equal([...seen.map((e) => e.seq!)].sort((x, y) => x - y));
    expect(await a.data.outbox.pending(10)).to.deep.equal([]);

    // The consumer: the same event twice (a mark that failed, a restart) is pushed once.
    const hub = new InProcessHub();
    const pushed: number[] = [];
    hub.subscribe(buyer.id, (seq) => pushed.push(seq));
    const consumer = new LiveDelivery(a.uc.fanOut, hub);
    for (const e of [...seen, ...seen]) await consumer.handle(e);
    expect(pushed).to.deep.equal(seen.map((e) => e.seq));
  });

  it('relays a backlog in one pass, batch after batch of its size, in order', async () => {
    const drop = await fixtures(harness()).drop({ total: 100 });
    const buyer = await fixtures(harness()).user();
    for (let i = 0; i < 12; i++) await a.uc.placeOrder.execute(buyer, `g${i}`, { dropId: drop.id, quantity: 1 });
    const backlog = (await a.data.outbox.pending(1_000)).length;
    const asked: number[] = [];
    const store: OutboxRelayStore = {
      pending: (n) => (asked.push(n), a.data.outbox.pending(n)),
      markPublished: (seqs, at) => a.data.outbox.markPublished(seqs, at),
      lag: (now) => a.data.outbox.lag(now),
    };
    const seqs: number[] = [];
    const bus: EventBus = {
      publish: async (es) => void seqs.push(...es.map((e) => e.seq!)),
      subscribe: async () => async () => undefined,
    };
    expect(await new OutboxRelay(store, bus, clock, { batchSize: 5 }).pass()).to.equal(backlog);
    expect(asked).to.deep.equal(Array(Math.floor(backlog / 5) + 1).fill(5));
    expect(seqs).to.deep.equal([...seqs].sort((x, y) => x - y));
  });

  it('starts its watermark below the first unrelayed event, so a restart relays the backlog', async () => {
    const drop = await fixtures(harness()).drop();
    const buyer = await fixtures(harness()).user();
    await a.uc.placeOrder.execute(buyer, 'k1', { dropId: drop.id, quantity: 1 });
    const [first] = await a.data.outbox.pending(1);
    const hub = new InProcessHub();
    const got: string[] = [];
    hub.subscribe(buyer.id, (_s, n) => got.push(n.type));
    const runtime = new NotificationRuntime(
      { outbox: a.data.outbox, feed: a.data.feed, useCases: a.uc, clock, bus: new InProcessEventBus(), hub },
      { ...DEFAULT_RUNTIME_TUNING, relayIntervalMs: 10 },
    );
    await runtime.start();
    expect(hub.watermark()).to.equal(first!.seq - 1);
    for (let i = 0; i < 100 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await runtime.stop();
    expect(got).to.deep.equal(['order.confirmed']);
    expect(hub.watermark()).to.equal(first!.seq);
  });
});
