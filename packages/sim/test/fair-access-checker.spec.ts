import { createMemoryAdapters, FakeClock, type MemoryStore } from '@livedrops/adapters';
import { systemPorts } from '@livedrops/adapters/testing';
import { createUseCases, heldUnits, type Ports, type TxContext, type User } from '@livedrops/core';
import { expect } from 'chai';
import { checkFairAccess, type FairAccessObserved } from '../src/index.js';

const MIN = 60_000;

/** The use cases over the memory engine, with the unit of work's queue writers optionally broken. */
function world(breakQueues?: (q: TxContext['queues']) => Partial<TxContext['queues']>) {
  const clock = new FakeClock();
  const data = createMemoryAdapters({ clock });
  const uow: Ports['uow'] = breakQueues
    ? { run: (work) => data.uow.run((tx) => work({ ...tx, queues: { ...tx.queues, ...breakQueues(tx.queues) } })) }
    : data.uow;
  const ports: Ports = { ...data, uow, ...systemPorts(clock) };
  return { uc: createUseCases(ports), clock, store: data.store, ports };
}

/** A waiting room of `stock` units and `fans` pre-queue joiners, run to the sell-out; returns what the checker sees. */
async function run(w: ReturnType<typeof world>, stock: number, fans: number): Promise<FairAccessObserved> {
  const { uc, clock, store } = w;
  const creator: User = { id: 'creator', handle: 'creator', displayName: 'c', isCreator: true, createdAt: 0 };
  await w.ports.users.create(creator, 'x');
  const product = await uc.products.create(creator, { title: 'Tee', priceCents: 100 });
  const drop = await uc.drops.schedule(creator, {
    productId: product.id,
    startsAt: clock.now() + MIN,
    endsAt: clock.now() + 60 * MIN,
    stock,
    access: 'queue',
  });
  const users: User[] = [];
  for (let i = 0; i < fans; i++) {
    const u = {
      id: `u${String(i).padStart(5, '0')}`,
      handle: `u${i}`,
      displayName: 'f',
      isCreator: false,
      createdAt: 0,
    };
    await w.ports.users.create(u, 'x');
    await uc.queues.join(u, drop.id);
    users.push(u);
    clock.advance(10);
  }
  clock.advance(MIN);
  await uc.runDueShuffles.execute();
  const samples: FairAccessObserved['samples'] = [];
  for (let step = 0; step < 50; step++) {
    await uc.admitFromQueues.execute();
    samples.push(sample(store, drop.id, clock.now()));
    for (const u of users) {
      const place = await uc.queues.status(u, drop.id);
      if (place.state === 'admitted' && place.pass)
        await uc.placeOrder
          .execute(u, `k-${u.id}`, { dropId: drop.id, quantity: 1, pass: place.pass })
          .catch(() => undefined);
    }
    clock.advance(1000);
  }
  return observe(w, drop.id, samples);
}

function sample(store: MemoryStore, dropId: string, t: number) {
  const d = store.drops.get(dropId)!;
  const live = [...store.queues.get(dropId)!.values()].filter(
    (e) => e.state === 'admitted' && e.spentAt === null && (e.passExpiresAt ?? 0) > t,
  ).length;
  return { t, livePasses: live, available: d.total - d.sold, held: heldUnits(d) };
}

async function observe(
  w: ReturnType<typeof world>,
  dropId: string,
  samples: FairAccessObserved['samples'],
): Promise<FairAccessObserved> {
  const d = w.store.drops.get(dropId)!;
  const fair = await w.uc.fairness.of(dropId);
  const orders = [...w.store.orders.values()].filter((o) => o.dropId === dropId);
  return {
    drop: {
      id: dropId,
      creatorId: d.creatorId,
      access: 'queue',
      total: d.total,
      createdAt: d.createdAt,
      followersFirstUntil: d.followersFirstUntil ?? null,
    },
    returned: d.returned,
    fairness: fair.seed === null ? null : fair,
    samples,
    queue: [...w.store.queues.get(dropId)!.values()].map((e) => ({
      userId: e.userId,
      state: e.state,
      joinedAt: e.joinedAt,
      rank: e.rank,
      spent: e.spentAt !== null,
    })),
    draw: [],
    orders: orders.map((o) => ({ id: o.id, userId: o.userId, createdAt: o.createdAt, status: o.status })),
    events: w.store.outbox
      .filter((r) => r.event.dropId === dropId)
      .map((r) => ({ type: r.event.type, userId: r.event.userId })),
    followedAt: {},
    soldOut: d.sold >= d.total,
  };
}

const kinds = (ob: FairAccessObserved) => [...new Set(checkFairAccess(ob).violations.map((v) => v.kind))];

describe('the fair-access checker', () => {
  it('passes a clean waiting room run to the sell-out (300 in the pre-queue, 20 units)', async () => {
    const ob = await run(world(), 20, 300);
    expect(ob.orders).to.have.length(20);
    expect(checkFairAccess(ob).violations).to.deep.equal([]);
  });

  it('catches an adapter that misreads the stock: more passes in play than units', async () => {
    expect(
      kinds(
        await run(
          world(() => ({})),
          5,
          30,
        ),
      ),
    ).to.deep.equal([]);
    const lying = world((q) => ({
      lockStock: async (id) => ((s) => s && { ...s, total: s.total + 5 })(await q.lockStock(id)),
    }));
    expect(kinds(await run(lying, 5, 30))).to.include('admission-overcommit');
  });

  it('catches an adapter that admits without taking the user out of the line: admitted twice', async () => {
    const sticky = world(() => ({ admit: async (_drop, grants) => grants.map((g) => g.userId) }));
    expect(kinds(await run(sticky, 3, 10))).to.include('admitted-twice');
  });

  it('catches an order the seed does not make, an order without a pass, a waiting user never told', async () => {
    const ob = await run(world(), 3, 10);
    const [a, b, ...rest] = ob.fairness!.order;
    expect(kinds({ ...ob, fairness: { ...ob.fairness!, order: [b!, a!, ...rest] } })).to.deep.equal([
      'unverifiable-shuffle',
    ]);
    // Someone the shuffle left without a pass (who that is depends on the run's random seed).
    const passless = ob.queue.find((e) => e.state !== 'admitted' && !ob.orders.some((o) => o.userId === e.userId))!;
    expect(
      kinds({ ...ob, orders: [...ob.orders, { id: 'x', userId: passless.userId, createdAt: 0, status: 'confirmed' }] }),
    ).to.deep.equal(['order-without-pass']);
    expect(kinds({ ...ob, events: ob.events.filter((e) => e.type !== 'queue.closed') })).to.deep.equal([
      'waiting-not-closed',
    ]);
  });

  it('catches an early-join advantage: ranks that follow join order are not uniform', async () => {
    const ob = await run(world(), 1, 300);
    const byJoin = [...ob.queue].sort((x, y) => x.joinedAt - y.joinedAt).map((e, i) => ({ ...e, rank: i }));
    expect(kinds({ ...ob, queue: byJoin, fairness: null })).to.include('early-join-advantage');
  });
});
