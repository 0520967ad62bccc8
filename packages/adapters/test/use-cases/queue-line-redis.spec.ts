import { expect } from 'chai';
import { createUseCases, DEFAULT_POLICY, type Ports, type QueueLine, type UseCases, type User } from '@livedrops/core';
import { createMemoryAdapters } from '../../src/memory/create-memory-adapters.js';
import { RedisQueueLine } from '../../src/redis/redis-queue-line.js';
import { FakeClock } from '../../src/system/clocks.js';
import { redisSuites, redisUnderTest, type RedisUnderTest } from '../services/redis-test.js';
import { systemPorts } from '../../src/testing/system-ports.js';

const MIN = 60_000;

/** Positions from the Redis copy of a waiting room's line, with the database as the record. */
(redisSuites ? describe : describe.skip)('waiting rooms: positions from Redis sorted sets', () => {
  let r: RedisUnderTest;
  let uc: UseCases;
  let line: RedisQueueLine;
  let clock: FakeClock;
  let ports: Ports;
  let data: ReturnType<typeof createMemoryAdapters>;
  beforeEach(async () => {
    r = await redisUnderTest();
    clock = new FakeClock();
    line = new RedisQueueLine(r.redis);
    data = createMemoryAdapters({ clock });
    ports = {
      ...data,
      ...systemPorts(clock),
      queueLine: line,
    };
    uc = createUseCases(ports, DEFAULT_POLICY);
  });
  afterEach(() => r.close());

  /** `fans` join before the start; `late` more after it but before the shuffle has run. */
  async function room(fans: number, stock: number, late = 0): Promise<{ dropId: string; users: User[] }> {
    const creator = { id: 'maker', handle: 'maker', displayName: 'm', isCreator: true, createdAt: 0 };
    await ports.users.create(creator, 'x');
    const product = await uc.products.create(creator, { title: 'Tee', priceCents: 100 });
    const now = clock.now();
    const drop = await uc.drops.schedule(creator, {
      productId: product.id,
      startsAt: now + MIN,
      endsAt: now + 60 * MIN,
      stock,
      access: 'queue',
    });
    const users: User[] = [];
    for (let i = 0; i < fans + late; i++) {
      if (i === fans) clock.advance(MIN);
      const u = { id: `u${i}`, handle: `u${i}`, displayName: 'f', isCreator: false, createdAt: 0 };
      await ports.users.create(u, 'x');
      await uc.queues.join(u, drop.id);
      users.push(u);
    }
    if (late === 0) clock.advance(MIN);
    await uc.runDueShuffles.execute();
    return { dropId: drop.id, users };
  }

  const positions = (dropId: string, users: User[]) =>
    Promise.all(
      users.map(async (u) => (await ports.queues.position((await ports.queues.find(dropId, u.id))!)) ?? null),
    );

  it('an arrival that commits while the start builds the copy is in it, in its place', async () => {
    // The arrival commits after the shuffle read the line and tells a copy not built yet: dropped there.
    const racing: QueueLine = {
      position: (d, u) => line.position(d, u),
      stale: (d) => line.stale(d),
      left: (d, us) => line.left(d, us),
      joined: (d, u, rank) => line.joined(d, u, rank),
      joinedAll: (d, us) => line.joinedAll(d, us),
      rebuild: async (dropId, waiting) => {
        const racer = { id: 'racer', handle: 'racer', displayName: 'r', isCreator: false, createdAt: 0 };
        if (!(await ports.users.findById('racer'))) await ports.users.create(racer, 'x');
        await uc.queues.join(racer, dropId);
        await line.rebuild(dropId, waiting);
      },
    };
    uc = createUseCases({ ...ports, queueLine: racing }, DEFAULT_POLICY);
    const { dropId, users } = await room(6, 3);
    expect(await line.position(dropId, 'racer')).to.equal(7);
    const fromRedis = await Promise.all(users.map(async (u) => (await line.position(dropId, u.id)) ?? null));
    expect(fromRedis).to.deep.equal(await positions(dropId, users));
  });

  it('an arrival the built copy lacks is put at its back when its place is read, not counted in the record', async () => {
    let dropped = 0;
    // The arrival's own addition is lost (it told the copy while a rebuild was replacing it).
    const losing: QueueLine = {
      position: (d, u) => line.position(d, u),
      stale: (d) => line.stale(d),
      left: (d, us) => line.left(d, us),
      rebuild: (d, waiting) => line.rebuild(d, waiting),
      joinedAll: (d, us) => line.joinedAll(d, us),
      joined: async (d, u, rank) => {
        if (u === 'late' && dropped++ === 0) return;
        return line.joined(d, u, rank);
      },
    };
    uc = createUseCases({ ...ports, queueLine: losing }, DEFAULT_POLICY);
    const { dropId } = await room(6, 3);
    const late = { id: 'late', handle: 'late', displayName: 'l', isCreator: false, createdAt: 0 };
    await ports.users.create(late, 'x');
    expect((await uc.queues.join(late, dropId)).view.position).to.equal(7);
    expect(dropped).to.equal(2);
    expect(await line.position(dropId, 'late')).to.equal(7);
  });

  it("an arrival before the start's copy is built hears its place on the stream, not from a count", async () => {
    const { dropId, users } = await room(3, 1);
    await r.lose(); // as if the copy were not built yet, a moment after the start
    const late = { id: 'late', handle: 'late', displayName: 'l', isCreator: false, createdAt: 0 };
    await ports.users.create(late, 'x');
    expect((await uc.queues.join(late, dropId)).view).to.include({ state: 'waiting', position: null });
    await uc.admitFromQueues.execute(); // rebuilds the copy, admits one, tells the places
    expect((await uc.queues.status(late, dropId)).position).to.equal(3);
    const told = (await data.outbox.pending(100)).filter((e) => e.event.userId === 'late');
    expect(told.map((e) => [e.event.type, e.event.data['position']])).to.deep.equal([['queue.position', 3]]);
    expect(users).to.have.length(3);
  });

  it('the start builds the line; Redis answers what the database would, as users leave it', async () => {
    const { dropId, users } = await room(6, 3, 2);
    // Built by the shuffle itself, before any admission: the drawn six, then the two who came after the start.
    expect(await line.stale(dropId)).to.equal(false);
    const drawn = await Promise.all(users.map(async (u) => (await line.position(dropId, u.id)) ?? null));
    expect(drawn).to.deep.equal(await positions(dropId, users));
    expect(drawn.slice(6)).to.deep.equal([7, 8]);
    await uc.admitFromQueues.execute();
    const fromDb = await positions(dropId, users);
    const fromRedis = await Promise.all(users.map(async (u) => (await line.position(dropId, u.id)) ?? null));
    expect(fromRedis).to.deep.equal(fromDb);
    expect(fromDb.filter((p) => p === null)).to.have.length(3); // the three admitted left the line
    const late = { id: 'late', handle: 'late', displayName: 'l', isCreator: false, createdAt: 0 };
    await ports.users.create(late, 'x');
    expect((await uc.queues.join(late, dropId)).view.position).to.equal(6);
    expect(await line.position(dropId, 'late')).to.equal(6);
  });

  it('after Redis loses the line (a restart), positions come from the database until it is rebuilt', async () => {
    const { dropId, users } = await room(6, 2);
    await uc.admitFromQueues.execute();
    clock.advance(10_000); // past the start's first seconds, when the copy is still being built
    const before = await Promise.all(users.map((u) => uc.queues.status(u, dropId)));
    await r.lose();
    expect(await line.position(dropId, users[0]!.id)).to.equal(undefined);
    expect(await Promise.all(users.map((u) => uc.queues.status(u, dropId)))).to.deep.equal(before);
    await uc.admitFromQueues.execute(); // nothing to admit (passes in play), but the line is rebuilt
    const waiting = before.map((v, i) => [users[i]!.id, v.position] as const).filter(([, p]) => p !== null);
    for (const [id, p] of waiting) expect(await line.position(dropId, id)).to.equal(p);
  });
});
