import { expect } from 'chai';
import { createDrop, createProduct, order, registerMany, type Account } from './support/fixtures.js';
import { startTestServer, type TestServer } from './support/harness.js';
import { FAST, follow, inboxUntil, quiet, unfollow } from './support/notifications.js';
import { SseClient } from './support/sse-client.js';

/**
 * One server, threshold 2: `small` (1 follower) fans out on write, `celeb` (2 followers)
 * on read. Both must look the same to their followers, on the stream and in the inbox.
 */
describe('notifications: hybrid fan-out over real HTTP', () => {
  let t: TestServer;
  let small: Account, celeb: Account, fanW: Account, fanR1: Account, fanR2: Account, buyer: Account;
  const batches: number[] = [];
  const streams: SseClient[] = [];
  const open = async (a: Account) => {
    const s = await SseClient.open(t.url, { token: a.token });
    streams.push(s);
    return s;
  };

  before(async () => {
    t = await startTestServer({ ...FAST, observer: { fanoutBatch: (n) => batches.push(n) } });
    [small, celeb] = (await registerMany(t.client, 'creator', 2, true)) as [Account, Account];
    [fanW, fanR1, fanR2, buyer] = (await registerMany(t.client, 'fan', 4)) as [Account, Account, Account, Account];
    await follow(t.client, fanW!, small!);
    await follow(t.client, fanR1!, celeb!);
    await follow(t.client, fanR2!, celeb!);
  });
  after(async () => {
    for (const s of streams) s.close();
    await t.close();
  });

  /** A drop of `creator` starting `startsIn` ms from now, stock 2, low at 1. */
  async function drop(creator: Account, startsIn: number) {
    const product = await createProduct(t.client, creator);
    return createDrop(t.client, creator, product.id, { startsIn, stock: 2, lowStockThreshold: 1 });
  }

  it('tells every follower, once, within 2 s: drop.started, stock.low, drop.sold_out; the buyer gets order.confirmed', async () => {
    const [sW, sR1, sR2, sBuyer] = [await open(fanW!), await open(fanR1!), await open(fanR2!), await open(buyer!)];
    const [dW, dR] = [await drop(small!, 700), await drop(celeb!, 700)];
    for (const [s, d] of [
      [sW, dW],
      [sR1, dR],
      [sR2, dR],
    ] as const) {
      await s!.count(1, 4000);
      expect(s!.events[0]).to.deep.include({ event: 'drop.started' });
      expect(s!.events[0]!.data.data).to.deep.include({ dropId: d.id, productTitle: 'Sneaker', available: 2 });
      expect(s!.events[0]!.at - Date.parse(d.startsAt)).to.be.lessThan(2000);
    }
    for (const d of [dW, dR]) {
      expect((await order(t.client, buyer!, d.id, 1)).status).to.equal(201);
      expect((await order(t.client, buyer!, d.id, 1)).status).to.equal(201);
    }
    for (const s of [sW, sR1, sR2]) await s!.count(3);
    await sBuyer!.count(4);
    await quiet();
    for (const s of [sW, sR1, sR2]) expect(s!.types()).to.deep.equal(['drop.started', 'stock.low', 'drop.sold_out']);
    expect(sBuyer!.types()).to.deep.equal(['order.confirmed', 'order.confirmed', 'order.confirmed', 'order.confirmed']);
    expect(sBuyer!.events[0]!.data.data).to.have.keys('dropId', 'orderId', 'quantity', 'productTitle');
    expect(sR1!.ids()).to.deep.equal(sR2!.ids()); // one event, one id, for every follower
    // Fan-out on write wrote one inbox batch per event of the small creator; the celebrity's wrote none.
    expect(batches).to.deep.equal([1, 1, 1]);
  });

  it('shows the same notifications in the inbox, newest first, in both modes', async () => {
    for (const fan of [fanW!, fanR1!]) {
      const items = await inboxUntil(t.client, fan, (i) => i.length === 3);
      expect(items.map((n) => n.type)).to.deep.equal(['drop.sold_out', 'stock.low', 'drop.started']);
      const stream = streams[fan === fanW ? 0 : 1]!;
      expect(items.map((n) => n.id)).to.deep.equal([...stream.ids()].reverse());
      expect(items[0]).to.have.keys('id', 'type', 'createdAt', 'data');
      expect(items[0].data).to.have.keys('dropId', 'creatorId', 'productTitle', 'available');
      expect(items[0].data.available).to.equal(0);
    }
    const mine = await inboxUntil(t.client, buyer!, (i) => i.length === 4);
    expect(new Set(mine.map((n) => n.type))).to.deep.equal(new Set(['order.confirmed']));
  });

  it('gives non-followers nothing, and stops new events after an unfollow, in both modes', async () => {
    expect(streams[3]!.types().filter((x) => x !== 'order.confirmed')).to.deep.equal([]);
    await unfollow(t.client, fanW!, small!);
    await unfollow(t.client, fanR1!, celeb!);
    await follow(t.client, buyer!, celeb!); // keeps celeb at 2 followers: still fan-out on read
    const [, dR] = [await drop(small!, 300), await drop(celeb!, 300)];
    await streams[2]!.count(4, 4000);
    expect(streams[2]!.events[3]!.data.data.dropId).to.equal(dR.id);
    await streams[3]!.count(5, 4000); // the new follower hears about it too
    await quiet(400);
    expect(streams[0]!.events).to.have.length(3);
    expect(streams[1]!.events).to.have.length(3);
    expect((await inboxUntil(t.client, fanR1!, () => true)).length).to.equal(0); // merged events follow the follow
    expect((await inboxUntil(t.client, fanW!, () => true)).length).to.equal(3); // rows written before stay
  });

  it('fires stock.low and drop.sold_out once even when 30 orders race for the last units', async () => {
    const product = await createProduct(t.client, celeb!);
    const d = await createDrop(t.client, celeb!, product.id, { stock: 10, lowStockThreshold: 3 });
    const s = await open(fanR2!); // celeb fans out on read
    const codes = await Promise.all(
      Array.from({ length: 30 }, () => order(t.client, buyer!, d.id, 1).then((r) => r.status)),
    );
    expect(codes.filter((c) => c === 201)).to.have.length(10);
    await s.until((c) => c.types().includes('drop.sold_out'), 5000, 'drop.sold_out');
    await quiet();
    expect(s.types().filter((x) => x !== 'drop.started')).to.deep.equal(['stock.low', 'drop.sold_out']);
    s.close();
  });
});
