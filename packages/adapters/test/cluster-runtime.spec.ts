import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import {
  createUseCases,
  DEFAULT_POLICY,
  type DomainEvent,
  type EventBus,
  type Ports,
  type User,
} from '@livedrops/core';
import { KnexEventLog } from '../src/knex/knex-event-log.js';
import { InProcessHub } from '../src/runtime/in-process-hub.js';
import { NotificationRuntime, DEFAULT_RUNTIME_TUNING } from '../src/runtime/notification-runtime.js';
import { createSqliteAdapters } from '../src/sqlite/create-sqlite-adapters.js';
import { SystemClock } from '../src/system/clocks.js';
import { UuidV7 } from '../src/system/uuid-v7.js';
import { describeEngine } from './harness.js';
import { systemPorts } from '../src/testing/system-ports.js';

/**
 * A broker as unreliable as they come: delivers each published event to every instance
 * later, in shuffled order, sometimes twice, and (with `loss`) sometimes not at all.
 */
class SimBroker {
  private readonly handlers = new Set<(e: DomainEvent) => Promise<void>>();
  constructor(private readonly loss = 0) {}
  bus(): EventBus {
    return {
      publish: async (events) => {
        for (const h of this.handlers) {
          for (const e of [...events].sort(() => Math.random() - 0.5)) {
            if (Math.random() < this.loss) continue;
            const copies = Math.random() < 0.1 ? 2 : 1;
            for (let i = 0; i < copies; i++) setTimeout(() => void h(e).catch(() => undefined), Math.random() * 30);
          }
        }
      },
      subscribe: async (h) => {
        this.handlers.add(h);
        return async () => void this.handlers.delete(h);
      },
    };
  }
}

/** One instance: its own connection, use cases, hub and runtime over a shared SQLite file. */
async function instance(file: string, broker: SimBroker) {
  const clock = new SystemClock();
  const data = await createSqliteAdapters({ filename: file, clock });
  const ports: Ports = {
    ...data,
    ...systemPorts(clock),
  };
  const uc = createUseCases(ports, { ...DEFAULT_POLICY, celebrityFollowers: 3 });
  const hub = new InProcessHub();
  const runtime = new NotificationRuntime(
    {
      outbox: data.outbox,
      feed: data.feed,
      useCases: uc,
      clock,
      bus: broker.bus(),
      hub,
      log: new KnexEventLog(data.knex),
    },
    { ...DEFAULT_RUNTIME_TUNING, relayIntervalMs: 10, livePollMs: 50 },
  );
  return { data, uc, hub, runtime };
}

describeEngine('sqlite')('notification runtime over a broker (three instances)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'livedrops-cluster-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A sale on `n` instances: followers listening on every instance, orders placed on every instance. */
  async function sale(broker: SimBroker, opts: { followers: number; stock: number }) {
    const file = join(dir, 'db.sqlite');
    const nodes = [await instance(file, broker), await instance(file, broker), await instance(file, broker)];
    const uc = nodes[0]!.uc;
    const mk = (handle: string, isCreator = false): User => ({
      id: new UuidV7().next(),
      handle,
      displayName: handle,
      isCreator,
      createdAt: Date.now(),
    });
    const creator = mk('creator', true);
    await nodes[0]!.data.users.create(creator, 'x');
    const fans: User[] = [];
    for (let i = 0; i < opts.followers; i++) {
      const fan = mk(`fan_${i}`);
      await nodes[0]!.data.users.create(fan, 'x');
      await uc.follows.follow(fan.id, creator.id);
      fans.push(fan);
    }
    const heard = new Map<string, string[]>();
    fans.forEach((fan, i) =>
      nodes[i % 3]!.hub.subscribe(fan.id, (_seq, n) =>
        heard.set(fan.id, [...(heard.get(fan.id) ?? []), `${n.type}:${n.id}`]),
      ),
    );
    for (const n of nodes) await n.runtime.start();
    const product = await uc.products.create(creator, { title: 'Poster', priceCents: 100 });
    const drop = await uc.drops.schedule(creator, {
      productId: product.id,
      startsAt: Date.now(),
      endsAt: Date.now() + 60_000,
      stock: opts.stock,
    });
    await Promise.all(
      fans.map((fan, i) => nodes[(i + 1) % 3]!.uc.placeOrder.execute(fan, 'k', { dropId: drop.id, quantity: 1 })),
    );
    for (const n of nodes) n.runtime.nudge();
    return { nodes, fans, heard, drop };
  }

  async function settle(
    nodes: Array<{ runtime: NotificationRuntime; data: { close(): Promise<void> } }>,
    done: () => boolean,
  ) {
    for (let i = 0; i < 300 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
    for (const n of nodes) await n.runtime.stop();
  }

  for (const [label, loss, followers, stock] of [
    ['a broker that shuffles and repeats (fan-out on write)', 0, 2, 2],
    ['a broker that also loses a third of its messages (fan-out on read)', 0.33, 6, 4],
  ] as const) {
    it(`pushes every event once, in outbox order, to streams on every instance: ${label}`, async () => {
      const { nodes, fans, heard } = await sale(new SimBroker(loss), { followers, stock });
      const expected = (fan: User) =>
        (heard.get(fan.id) ?? []).filter((x) => x.startsWith('drop.sold_out')).length === 1;
      await settle(nodes, () => fans.every(expected));
      const events = await new KnexEventLog(nodes[0]!.data.knex).after(0, 1000);
      const head = await nodes[0]!.data.feed.head();
      // What a stream resuming from the inbox finds: the same events, fanned out once, before they were pushed.
      const inboxes = await Promise.all(fans.map((fan) => nodes[0]!.uc.notifications.since(fan.id, 0, head, 100)));
      for (const n of nodes) await n.data.close();
      fans.forEach((fan, i) =>
        expect(inboxes[i]!.map((x) => `${x.notification.type}:${x.notification.id}`)).to.deep.equal(heard.get(fan.id)),
      );
      expect(events.every((e) => e.published)).to.equal(true);
      const seqOf = new Map(events.map((e) => [e.event.id, e.seq]));
      for (const fan of fans) {
        const got = heard.get(fan.id) ?? [];
        const ids = got.map((x) => x.split(':')[1]!);
        expect(new Set(ids).size, 'each event once').to.equal(ids.length);
        const seqs = ids.map((id) => seqOf.get(id)!);
        expect(seqs, 'in outbox order').to.deep.equal([...seqs].sort((x, y) => x - y));
        const types = got.map((x) => x.split(':')[0]);
        expect(types.filter((t) => t === 'drop.sold_out' || t === 'stock.low')).to.deep.equal([
          'stock.low',
          'drop.sold_out',
        ]);
        const mine = events.filter((e) => e.event.userId === fan.id).map((e) => e.event.id);
        expect(ids.filter((id) => mine.includes(id))).to.deep.equal(mine); // their own order.confirmed, if they bought
      }
    });
  }
});
