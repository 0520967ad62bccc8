import { expect } from 'chai';
import { expectProblem } from './support/client.js';
import { FAST_CHECKOUT, hold, orderUntil, pay, payDrop, ShiftedClock, stockOf } from './support/checkout.js';
import { liveDrop, order, register, registerMany, walk, type Account } from './support/fixtures.js';
import { startTestServer, type TestServer } from './support/harness.js';
import { inboxUntil } from './support/notifications.js';

describe('waitlist: returned units offered in join order (api.md 1.1)', () => {
  let t: TestServer;
  const clock = new ShiftedClock();
  let creator: Account;
  let buyer: Account;
  before(async () => {
    t = await startTestServer({ clock, checkout: FAST_CHECKOUT, notifications: { relayIntervalMs: 20 } });
    [creator, buyer] = await Promise.all([register(t.client, 'wlc', true), register(t.client, 'wlbuyer')]);
  });
  after(() => t.close());

  it('PUT joins (201, then 200 with the first joinedAt), GET lists newest first, DELETE leaves (204, also when not waiting)', async () => {
    const [a, b] = [await payDrop(t.client, creator), await payDrop(t.client, creator)];
    const first = await t.client.put(`/v1/me/waitlist/${a.id}`, { token: buyer.token });
    expect(first.status, first.text).to.equal(201);
    expect(first.json).to.have.all.keys('dropId', 'joinedAt');
    const again = await t.client.put(`/v1/me/waitlist/${a.id}`, { token: buyer.token });
    expect(again.status).to.equal(200);
    expect(again.json).to.deep.equal(first.json);
    clock.shift(1); // distinct join times
    await t.client.put(`/v1/me/waitlist/${b.id}`, { token: buyer.token });
    const listed = await walk(t.client, '/v1/me/waitlist', { token: buyer.token, limit: 1 });
    expect(listed.map((e) => e.dropId)).to.deep.equal([b.id, a.id]);
    expect((await t.client.del(`/v1/me/waitlist/${a.id}`, { token: buyer.token })).status).to.equal(204);
    expect((await t.client.del(`/v1/me/waitlist/${a.id}`, { token: buyer.token })).status).to.equal(204);
    expect(
      (await t.client.get('/v1/me/waitlist', { token: buyer.token })).json.data.map(
        (e: { dropId: string }) => e.dropId,
      ),
    ).to.deep.equal([b.id]);
  });

  it('refuses a missing drop (404), an ended or cancelled one (409 drop_not_live), bad ids (400), no token (401)', async () => {
    expectProblem(await t.client.put('/v1/me/waitlist/nope', { token: buyer.token }), 404, 'not_found');
    const cancelled = await payDrop(t.client, creator);
    await t.client.post(`/v1/drops/${cancelled.id}/cancel`, { token: creator.token });
    expect(
      expectProblem(await t.client.put(`/v1/me/waitlist/${cancelled.id}`, { token: buyer.token }), 409, 'drop_not_live')
        .dropStatus,
    ).to.equal('cancelled');
    expectProblem(await t.client.put('/v1/me/waitlist/bad%20id', { token: buyer.token }), 400, 'validation_failed');
    expectProblem(await t.client.put(`/v1/me/waitlist/${cancelled.id}`), 401, 'unauthenticated');
    expectProblem(await t.client.get('/v1/me/waitlist?limit=0', { token: buyer.token }), 400, 'validation_failed');
    const upcoming = await liveDrop(t.client, creator, { startsIn: 3_600_000, endsIn: 7_200_000 });
    expect((await t.client.put(`/v1/me/waitlist/${upcoming.id}`, { token: buyer.token })).status).to.equal(201);
  });

  it('a cancelled hold goes to the first waiting user as a hold of their own, with order.offered; nobody else can take it', async () => {
    const drop = await payDrop(t.client, creator, { stock: 2, holdSeconds: 60 });
    const [first, second, stranger] = await registerMany(t.client, 'wlfan', 3);
    const h = await hold(t.client, buyer, drop.id, 2);
    for (const fan of [first!, second!]) {
      clock.shift(1);
      expect((await t.client.put(`/v1/me/waitlist/${drop.id}`, { token: fan.token })).status).to.equal(201);
    }
    expect((await t.client.post(`/v1/orders/${h.id}/cancel`, { token: buyer.token })).status).to.equal(200);
    // Both units went to the waitlist, one each, in join order: none is available to anyone else.
    expect(await stockOf(t.client, drop.id)).to.deep.equal({ total: 2, available: 0, held: 2 });
    expectProblem(await order(t.client, stranger!, drop.id, 1), 409, 'sold_out');
    for (const fan of [first!, second!]) {
      const offered = (await t.client.get('/v1/me/orders', { token: fan.token })).json.data.filter(
        (o: { dropId: string }) => o.dropId === drop.id,
      );
      expect(offered).to.have.length(1);
      expect(offered[0]).to.include({ status: 'held', quantity: 1 });
      expect(Date.parse(offered[0].expiresAt) - Date.parse(offered[0].createdAt)).to.equal(60_000);
      const note = (await inboxUntil(t.client, fan, (n) => n.some((x) => x.type === 'order.offered'))).find(
        (x) => x.type === 'order.offered',
      );
      expect(note.data).to.include({ dropId: drop.id, orderId: offered[0].id, expiresAt: offered[0].expiresAt });
      expect(
        (await t.client.get('/v1/me/waitlist', { token: fan.token })).json.data.map(
          (e: { dropId: string }) => e.dropId,
        ),
      ).to.not.include(drop.id);
    }
    const offer = (await t.client.get('/v1/me/orders', { token: first!.token })).json.data[0];
    expect((await pay(t.client, first!, offer.id)).json.status).to.equal('confirmed');
  });

  it('an expired hold goes to the waitlist too; a user at their limit is passed over and keeps their place', async () => {
    const drop = await payDrop(t.client, creator, { stock: 2, holdSeconds: 30, perUserLimit: 1 });
    const [capped, next] = await registerMany(t.client, 'wlcap', 2);
    const h = await hold(t.client, buyer, drop.id, 1);
    clock.shift(10_000);
    await hold(t.client, capped!, drop.id, 1); // due 10 s after buyer's
    await t.client.put(`/v1/me/waitlist/${drop.id}`, { token: capped!.token });
    clock.shift(1);
    await t.client.put(`/v1/me/waitlist/${drop.id}`, { token: next!.token });
    clock.shift(21_000); // buyer's hold is due, capped's is not
    await orderUntil(t.client, buyer, h.id, 'expired');
    expect(
      (await t.client.get('/v1/me/orders', { token: next!.token })).json.data.map((o: { status: string }) => o.status),
    ).to.deep.equal(['held']);
    expect((await t.client.get('/v1/me/orders', { token: capped!.token })).json.data).to.have.length(1);
    expect(
      (await t.client.get('/v1/me/waitlist', { token: capped!.token })).json.data.map(
        (e: { dropId: string }) => e.dropId,
      ),
    ).to.deep.equal([drop.id]);
    expect(await stockOf(t.client, drop.id)).to.deep.equal({ total: 2, available: 0, held: 2 });
    await inboxUntil(t.client, next!, (n) => n.some((x) => x.type === 'order.offered' && x.data.dropId === drop.id));
  });

  it('the offered hold ends like any other: let it pass and it expires, going to the next user (or back to stock)', async () => {
    const drop = await payDrop(t.client, creator, { stock: 1, holdSeconds: 30 });
    const [waiter] = await registerMany(t.client, 'wlpass', 1);
    const h = await hold(t.client, buyer, drop.id);
    await t.client.put(`/v1/me/waitlist/${drop.id}`, { token: waiter!.token });
    await t.client.post(`/v1/orders/${h.id}/cancel`, { token: buyer.token });
    const offered = (await t.client.get('/v1/me/orders', { token: waiter!.token })).json.data[0];
    expect(offered.status).to.equal('held');
    clock.shift(31_000);
    await orderUntil(t.client, waiter!, offered.id, 'expired');
    expect(await stockOf(t.client, drop.id)).to.deep.equal({ total: 1, available: 1, held: 0 });
  });
});
