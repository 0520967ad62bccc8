import { expect } from 'chai';
import { createUseCases, DEFAULT_POLICY, type NotificationFeed, type StoredEvent } from '@livedrops/core';
import { InProcessHub } from '../../src/runtime/in-process-hub.js';
import { LiveDelivery } from '../../src/runtime/live-delivery.js';
import { world } from './world.js';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('live delivery: a stream that connects mid-fan-out', () => {
  it('gets the event exactly once: from the feed if it missed the push, never neither', async () => {
    const w = world();
    const { creator } = await w.liveDrop();
    const fans = [];
    for (const h of ['fan_a', 'fan_b', 'fan_c']) {
      const u = await w.user(h);
      await w.uc.follows.follow(u.id, creator.id);
      fans.push(u);
    }
    // Slow inbox writes, one follower per batch: the fan-out takes a while.
    const slow: NotificationFeed = Object.create(w.ports.feed);
    slow.deliver = async (seq, ids) => (await tick(20), w.ports.feed.deliver(seq, ids));
    const uc = createUseCases({ ...w.ports, feed: slow }, { ...DEFAULT_POLICY, fanoutBatchSize: 1 });
    await uc.startDueDrops.execute();
    const event: StoredEvent = { ...w.store.outbox[0]!.event, seq: w.store.outbox[0]!.seq };
    const hub = new InProcessHub();
    const pushed: string[] = [];
    const delivering = new LiveDelivery(uc.fanOut, hub).handle(event);
    await tick(30); // the first batch is written and its connected users chosen
    // Every fan connects now; whoever's batch is past never hears the push.
    const subs = fans.map((f) => ({ f, sub: hub.subscribe(f.id, (_s, n) => pushed.push(`${f.id}:${n.id}`)) }));
    await delivering;
    for (const { f, sub } of subs) {
      const upTo = await sub.watermark;
      const caughtUp = (await uc.notifications.since(f.id, 0, upTo, 10)).map((i) => `${f.id}:${i.notification.id}`);
      const got = new Set([...caughtUp, ...pushed.filter((p) => p.startsWith(`${f.id}:`))]);
      expect([...got], f.handle).to.deep.equal([`${f.id}:${event.id}`]);
    }
  });
});
