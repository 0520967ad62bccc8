import { expect } from 'chai';
import { world, type World } from './world.js';

/** Position updates give way while the instance is behind on its requests; first places do not. */
describe('waiting rooms under pressure', () => {
  let w: World;
  let pressed = false;

  beforeEach(() => {
    // One admission per step, so each step moves everyone still waiting one place forward.
    w = world({ ports: () => ({ pressure: { high: () => pressed } }), observe: { admitTuning: { batch: 1 } } });
  });

  const told = () => w.store.outbox.filter((r) => r.event.type === 'queue.position').length;

  it('tells first places at once, and a moved place only every 5 s while pressed', async () => {
    const dropId = await w.queueDrop(5);
    for (const handle of ['a', 'b', 'c', 'd', 'e']) await w.uc.queues.join(await w.user(handle), dropId);
    w.clock.advance(60_000);
    await w.uc.runDueShuffles.execute();
    pressed = true;
    await w.uc.admitFromQueues.execute(); // one admitted; the four others learn their places
    expect(told()).to.equal(4);
    w.clock.advance(2_000);
    await w.uc.admitFromQueues.execute(); // the three left moved by a place each: not yet
    expect(told()).to.equal(4);
    w.clock.advance(3_000);
    await w.uc.admitFromQueues.execute(); // five seconds since they were told: the two left hear it
    expect(told()).to.equal(6);
    pressed = false;
    w.clock.advance(1_000);
    await w.uc.admitFromQueues.execute(); // not pressed: a second is enough
    expect(told()).to.equal(7);
  });

  it('after the start a pressed instance shares a read of the drop for 100 ms; one let in after the close is closed out', async () => {
    const dropId = await w.queueDrop(5);
    w.clock.advance(60_000);
    await w.uc.runDueShuffles.execute();
    const refusal = (handle: string) =>
      w.user(handle).then((u) =>
        w.uc.queues.join(u, dropId).then(
          () => 'joined',
          (e: { code?: string }) => e.code,
        ),
      );
    pressed = true;
    expect(await refusal('a')).to.equal('joined'); // the drop is read, and shared
    await w.ports.drops.cancel(dropId, w.clock.now());
    expect(await refusal('b')).to.equal('joined'); // a read of a moment ago: the line looked open
    await w.uc.admitFromQueues.execute();
    const closed = w.store.outbox.filter((r) => r.event.type === 'queue.closed').map((r) => r.event.userId);
    expect(closed).to.have.length(2);
    w.clock.advance(100);
    expect(await refusal('c')).to.equal('entries_closed');
    pressed = false;
    const dropId2 = await w.queueDrop(5);
    w.clock.advance(60_000);
    await w.uc.runDueShuffles.execute();
    expect(await w.uc.queues.join(await w.user('d'), dropId2).then(() => 'joined')).to.equal('joined');
    await w.ports.drops.cancel(dropId2, w.clock.now());
    expect(
      await w.uc.queues.join(await w.user('e'), dropId2).then(
        () => 'joined',
        (e: { code?: string }) => e.code,
      ),
    ).to.equal('entries_closed'); // not pressed: every join after the start reads the drop
  });
});
