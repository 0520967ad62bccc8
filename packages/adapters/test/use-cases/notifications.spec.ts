import { expect } from 'chai';
import { createUseCases, DEFAULT_POLICY, type LiveAudience, type StoredEvent, type User } from '@livedrops/core';
import { world, type World } from './world.js';

/** The world's ports with a celebrity threshold of `celebrityFollowers`. */
function withThreshold(w: World, celebrityFollowers: number, fanoutBatchSize = 2) {
  return createUseCases(w.ports, { ...DEFAULT_POLICY, celebrityFollowers, fanoutBatchSize });
}

const nobody: LiveAudience = { isConnected: () => false, connectedUserIds: () => [] };
const everyone = (ids: string[]): LiveAudience => ({
  isConnected: (id) => ids.includes(id),
  connectedUserIds: () => ids,
});

async function fans(w: World, creator: User, n: number): Promise<User[]> {
  const out: User[] = [];
  for (let i = 0; i < n; i++) {
    const u = await w.user(`fan_${i}_${w.ports.ids.next().slice(-6)}`);
    await w.uc.follows.follow(u.id, creator.id);
    out.push(u);
  }
  return out;
}

const stored = (w: World): StoredEvent[] => w.store.outbox.map((r) => ({ ...r.event, seq: r.seq }));

describe('use cases: notifications', () => {
  it('stamps follower events with the fan-out mode from the follower count, personal ones with none', async () => {
    const w = world();
    const { creator, dropId } = await w.liveDrop({ stock: 2, lowStockThreshold: 1 });
    await fans(w, creator, 2);
    const small = withThreshold(w, 3);
    await small.placeOrder.execute(await w.user('buyer_a'), 'k1', { dropId, quantity: 1 }); // order.confirmed + stock.low
    const big = withThreshold(w, 2);
    await big.placeOrder.execute(await w.user('buyer_b'), 'k2', { dropId, quantity: 1 }); // order.confirmed + drop.sold_out
    expect(w.store.outbox.map((r) => [r.event.type, r.event.fanout ?? null])).to.deep.equal([
      ['order.confirmed', null],
      ['stock.low', 'write'],
      ['order.confirmed', null],
      ['drop.sold_out', 'read'],
    ]);
  });

  it('fires drop.started once per due drop, skipping upcoming and cancelled ones', async () => {
    const w = world();
    const { creator } = await w.liveDrop();
    const product = await w.uc.products.create(creator, { title: 'Cap', priceCents: 100, currency: 'EUR' });
    const now = w.clock.now();
    const later = await w.uc.drops.schedule(creator, {
      productId: product.id,
      startsAt: now + 1000,
      endsAt: now + 9000,
      stock: 1,
    });
    const cancelled = await w.uc.drops.schedule(creator, {
      productId: product.id,
      startsAt: now,
      endsAt: now + 9000,
      stock: 1,
    });
    await w.uc.drops.cancel(creator, cancelled.id);
    expect(await w.uc.startDueDrops.execute()).to.equal(1);
    expect(await w.uc.startDueDrops.execute()).to.equal(0);
    w.clock.advance(1000);
    expect(await w.uc.startDueDrops.execute()).to.equal(1);
    const started = w.store.outbox.filter((r) => r.event.type === 'drop.started');
    expect(started.map((r) => r.event.dropId))
      .to.include(later.id)
      .and.not.include(cancelled.id);
    expect(started[1]!.event.data).to.deep.include({
      dropId: later.id,
      creatorId: creator.id,
      productTitle: 'Cap',
      available: 1,
    });
  });

  it('fans out on write in batches, idempotently, and names the connected followers', async () => {
    const w = world();
    const { creator } = await w.liveDrop();
    const [a, b, c, gone] = await fans(w, creator, 4);
    await w.uc.follows.unfollow(gone!.id, creator.id);
    const sizes: number[] = [];
    const uc = createUseCases(
      w.ports,
      { ...DEFAULT_POLICY, fanoutBatchSize: 2 },
      { fanoutBatch: (n) => sizes.push(n) },
    );
    await uc.startDueDrops.execute();
    const [event] = stored(w);
    const live = await uc.fanOut.execute(event!, everyone([a!.id, gone!.id]));
    expect(live).to.deep.equal([a!.id]);
    expect(sizes).to.deep.equal([2, 1]);
    await uc.fanOut.execute(event!, nobody); // a redelivery writes nothing new
    for (const u of [a, b, c])
      expect((await uc.notifications.inbox(u!, { limit: 10 })).items.map((n) => n.id)).to.deep.equal([event!.id]);
    expect((await uc.notifications.inbox(gone!, { limit: 10 })).items).to.deep.equal([]);
  });

  it('fans out on read: nothing written, visible at once to followers, pushed to connected followers only', async () => {
    const w = world();
    const { creator } = await w.liveDrop();
    const [a, b] = await fans(w, creator, 2);
    const stranger = await w.user('stranger');
    const uc = withThreshold(w, 1);
    await uc.startDueDrops.execute();
    const [event] = stored(w);
    expect(event!.fanout).to.equal('read');
    expect((await uc.notifications.inbox(b!, { limit: 10 })).items.map((n) => n.type)).to.deep.equal(['drop.started']);
    expect(await uc.fanOut.execute(event!, everyone([a!.id, stranger.id]))).to.deep.equal([a!.id]);
    expect((await uc.notifications.inbox(stranger, { limit: 10 })).items).to.deep.equal([]);
    await uc.follows.unfollow(b!.id, creator.id);
    expect((await uc.notifications.inbox(b!, { limit: 10 })).items).to.deep.equal([]);
  });

  it('merges personal, fanned-out and merged events newest first, and pages them by position', async () => {
    const w = world();
    const { creator, dropId } = await w.liveDrop({ stock: 3, lowStockThreshold: 1 });
    const [fan] = await fans(w, creator, 1);
    const uc = withThreshold(w, 1); // every follower event of this creator is merged on read
    await uc.startDueDrops.execute();
    await uc.placeOrder.execute(fan!, 'k1', { dropId, quantity: 2 }); // order.confirmed + stock.low
    const all = (await uc.notifications.inbox(fan!, { limit: 10 })).items.map((n) => n.type);
    expect(all).to.deep.equal(['stock.low', 'order.confirmed', 'drop.started']);
    const first = await uc.notifications.inbox(fan!, { limit: 2 });
    const rest = await uc.notifications.inbox(fan!, { limit: 2, after: first.next! });
    expect([...first.items, ...rest.items].map((n) => n.type)).to.deep.equal(all);
    expect(rest.next).to.equal(null);
    const since = await uc.notifications.since(
      fan!.id,
      (await uc.notifications.resumePoint(first.items[1]!.id))!,
      99,
      10,
    );
    expect(since.map((i) => i.notification.type)).to.deep.equal(['stock.low']);
  });

  it('issues single-use stream tickets that expire after 60 s', async () => {
    const w = world();
    const { user: fan, token } = await w.uc.register.execute({ handle: 'ticket_fan', password: 'long enough pw' });
    const a = await w.uc.streamTickets.issue(fan, token);
    expect(a.expiresAt).to.equal(w.clock.now() + 60_000);
    const redeemed = await w.uc.streamTickets.redeem(a.ticket);
    expect(redeemed.user.id).to.equal(fan.id);
    expect(redeemed.sessionHash).to.equal(w.uc.sessions.sessionOf(token));
    const reused = await w.uc.streamTickets.redeem(a.ticket).catch((e: { code: string }) => e.code);
    expect(reused).to.equal('unauthenticated');
    const b = await w.uc.streamTickets.issue(fan, token);
    w.clock.advance(60_000);
    expect(await w.uc.streamTickets.redeem(b.ticket).catch((e: { code: string }) => e.code)).to.equal(
      'unauthenticated',
    );
  });

  it('refuses an unused ticket once the session it was issued under has signed out', async () => {
    const w = world();
    const { user: fan, token } = await w.uc.register.execute({ handle: 'ticket_out', password: 'long enough pw' });
    const t = await w.uc.streamTickets.issue(fan, token);
    await w.uc.sessions.logout(token);
    expect(await w.uc.streamTickets.redeem(t.ticket).catch((e: { code: string }) => e.code)).to.equal(
      'unauthenticated',
    );
  });
});
