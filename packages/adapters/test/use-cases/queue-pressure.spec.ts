import { expect } from 'chai';
import { createUseCases, DEFAULT_POLICY, type UseCases, type User } from '@livedrops/core';
import { createMemoryAdapters } from '../../src/memory/create-memory-adapters.js';
import { FakeClock } from '../../src/system/clocks.js';
import { systemPorts } from '../../src/testing/system-ports.js';

const MIN = 60_000;

/** Position updates give way while the instance is behind on its requests; first places do not. */
describe('waiting rooms under pressure', () => {
  let clock: FakeClock;
  let uc: UseCases;
  let data: ReturnType<typeof createMemoryAdapters>;
  let pressed = false;

  beforeEach(() => {
    clock = new FakeClock();
    data = createMemoryAdapters({ clock });
    const ports = { ...data, ...systemPorts(clock), pressure: { high: () => pressed } };
    // One admission per step, so each step moves everyone still waiting one place forward.
    uc = createUseCases(ports, DEFAULT_POLICY, { admitTuning: { batch: 1 } });
  });

  const told = async () => (await data.outbox.pending(1_000)).filter((e) => e.event.type === 'queue.position').length;

  it('tells first places at once, and a moved place only every 5 s while pressed', async () => {
    const maker: User = { id: 'maker', handle: 'maker', displayName: 'm', isCreator: true, createdAt: 0 };
    await data.users.create(maker, 'x');
    const product = await uc.products.create(maker, { title: 'Tee', priceCents: 100 });
    const now = clock.now();
    const drop = await uc.drops.schedule(maker, {
      productId: product.id,
      startsAt: now + MIN,
      endsAt: now + 60 * MIN,
      stock: 5,
      access: 'queue',
    });
    for (const id of ['a', 'b', 'c', 'd', 'e']) {
      const fan = { id, handle: id, displayName: id, isCreator: false, createdAt: 0 };
      await data.users.create(fan, 'x');
      await uc.queues.join(fan, drop.id);
    }
    clock.advance(MIN);
    await uc.runDueShuffles.execute();
    pressed = true;
    await uc.admitFromQueues.execute(); // one admitted; the four others learn their places
    expect(await told()).to.equal(4);
    clock.advance(2_000);
    await uc.admitFromQueues.execute(); // the three left moved by a place each: not yet
    expect(await told()).to.equal(4);
    clock.advance(3_000);
    await uc.admitFromQueues.execute(); // five seconds since they were told: the two left hear it
    expect(await told()).to.equal(6);
    pressed = false;
    clock.advance(1_000);
    await uc.admitFromQueues.execute(); // not pressed: a second is enough
    expect(await told()).to.equal(7);
  });
});
