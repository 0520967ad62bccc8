import { expect } from 'chai';
import {
  AdmitFromQueues,
  createUseCases,
  DEFAULT_POLICY,
  Queues,
  ToldPositions,
  type UnitOfWork,
  type User,
} from '@livedrops/core';
import { createMemoryAdapters } from '../../src/memory/create-memory-adapters.js';
import { MemoryQueueLine } from '../../src/memory/memory-queue-line.js';
import { FakeClock } from '../../src/system/clocks.js';
import { systemPorts } from '../../src/testing/system-ports.js';

const MIN = 60_000;

/** An answer that told a place is not told again while its note is still on its way to the record. */
describe('waiting rooms: places told by answers', () => {
  it('the admission step leaves alone a user whose answer told their place, before the note commits', async () => {
    const clock = new FakeClock();
    const data = createMemoryAdapters({ clock });
    const ports = { ...data, ...systemPorts(clock), queueLine: new MemoryQueueLine(clock) };
    const uc = createUseCases(ports, DEFAULT_POLICY);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    // The answers' notes wait at the gate, as a group commit's queue can hold them.
    const slow: UnitOfWork = { run: async (work) => (await gate, data.uow.run(work)) };
    const told = new ToldPositions({ uow: slow, clock });
    const queues = new Queues({ ...ports, told });
    const admit = new AdmitFromQueues({ ...ports, told });

    const maker: User = { id: 'maker', handle: 'maker', displayName: 'm', isCreator: true, createdAt: 0 };
    await data.users.create(maker, 'x');
    const product = await uc.products.create(maker, { title: 'Tee', priceCents: 100 });
    const at = clock.now() + MIN;
    const drop = await uc.drops.schedule(maker, {
      productId: product.id,
      startsAt: at,
      endsAt: at + MIN,
      stock: 1,
      access: 'queue',
    });
    const fans = ['a', 'b', 'late'].map((id) => ({ id, handle: id, displayName: id, isCreator: false, createdAt: 0 }));
    for (const f of fans) await data.users.create(f, 'x');
    for (const f of fans.slice(0, 2)) await queues.join(f, drop.id);
    clock.advance(MIN);
    await uc.runDueShuffles.execute();
    await admit.execute(); // one admitted, the other told their place

    const joining = queues.join(fans[2]!, drop.id);
    for (let i = 0; i < 50 && !told.has(drop.id, 'late'); i++) await new Promise((r) => setImmediate(r));
    expect(told.has(drop.id, 'late')).to.equal(true);
    clock.advance(2_000);
    await admit.execute();
    release();
    expect((await joining).view.position).to.equal(2);
    const events = (await data.outbox.pending(100)).filter((e) => e.event.userId === 'late');
    expect(events.map((e) => e.event.type)).to.deep.equal([]);
    expect(told.has(drop.id, 'late')).to.equal(false);
  });
});
