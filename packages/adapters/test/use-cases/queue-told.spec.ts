import { expect } from 'chai';
import { AdmitFromQueues, Queues, ToldPositions, type UnitOfWork } from '@livedrops/core';
import { MemoryQueueLine } from '../../src/memory/memory-queue-line.js';
import { world } from './world.js';

/** An answer that told a place is not told again while its note is still on its way to the record. */
describe('waiting rooms: places told by answers', () => {
  it('the admission step leaves alone a user whose answer told their place, before the note commits', async () => {
    const w = world({ ports: (clock) => ({ queueLine: new MemoryQueueLine(clock) }) });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    // The answers' notes wait at the gate, as a group commit's queue can hold them.
    const slow: UnitOfWork = { run: async (work) => (await gate, w.ports.uow.run(work)) };
    const told = new ToldPositions({ uow: slow, clock: w.clock });
    const queues = new Queues({ ...w.ports, told });
    const admit = new AdmitFromQueues({ ...w.ports, told });

    const dropId = await w.queueDrop(1);
    const [a, b, late] = [await w.user('a'), await w.user('b'), await w.user('late')];
    for (const f of [a, b]) await queues.join(f, dropId);
    w.clock.advance(60_000);
    await w.uc.runDueShuffles.execute();
    await admit.execute(); // one admitted, the other told their place

    const joining = queues.join(late, dropId);
    for (let i = 0; i < 50 && !told.has(dropId, late.id); i++) await new Promise((r) => setImmediate(r));
    expect(told.has(dropId, late.id)).to.equal(true);
    w.clock.advance(2_000);
    await admit.execute();
    release();
    expect((await joining).view.position).to.equal(2);
    const events = w.store.outbox.filter((r) => r.event.userId === late.id);
    expect(events.map((r) => r.event.type)).to.deep.equal([]);
    // The answer does not wait for its note; the note lands afterwards and the user is told as anyone.
    for (let i = 0; i < 200 && told.has(dropId, late.id); i++) await new Promise((r) => setTimeout(r, 5));
    expect(told.has(dropId, late.id)).to.equal(false);
    expect((await w.ports.queues.find(dropId, late.id))?.state).to.equal('waiting');
  });
});
