import { expect } from 'chai';
import { expectProblem } from './support/client.js';
import { FAST_CHECKOUT, hold, orderUntil, pay, payDrop, ShiftedClock, stockOf } from './support/checkout.js';
import { liveDrop, newKey, order, register, registerMany, type Account } from './support/fixtures.js';
import { startTestServer, type TestServer } from './support/harness.js';
import { follow, inboxUntil } from './support/notifications.js';

describe('checkout: holds on pay drops (api.md 1.1)', () => {
  let t: TestServer;
  const clock = new ShiftedClock();
  let creator: Account;
  let buyer: Account;
  let rival: Account;
  before(async () => {
    t = await startTestServer({ clock, checkout: FAST_CHECKOUT, notifications: { relayIntervalMs: 20 } });
    [creator, buyer, rival] = await Promise.all([
      register(t.client, 'holder', true),
      register(t.client, 'hbuyer'),
      register(t.client, 'hrival'),
    ]);
  });
  after(() => t.close());

  it('POST /v1/drops takes checkout "pay" and holdSeconds (default 600); instant drops keep the 1.0 document', async () => {
    const drop = await payDrop(t.client, creator, { stock: 5 });
    expect(drop).to.include({ checkout: 'pay', holdSeconds: 600 });
    expect(drop.stock).to.deep.equal({ total: 5, available: 5, held: 0 });
    expect(await payDrop(t.client, creator, { holdSeconds: 30 })).to.include({ holdSeconds: 30 });
    const instant = await liveDrop(t.client, creator);
    expect(instant).to.not.have.any.keys('checkout', 'holdSeconds');
    expect(instant.stock).to.not.have.property('held');
  });

  it('refuses a bad checkout or holdSeconds with 400 naming the field, creating nothing', async () => {
    const base = {
      productId: (await liveDrop(t.client, creator)).product.id,
      startsAt: new Date().toISOString(),
      endsAt: new Date(Date.now() + 60_000).toISOString(),
      stock: 3,
    };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ checkout: 'later' }, 'checkout'],
      [{ checkout: 'pay', holdSeconds: 29 }, 'holdSeconds'],
      [{ checkout: 'pay', holdSeconds: 3601 }, 'holdSeconds'],
      [{ checkout: 'pay', holdSeconds: 60.5 }, 'holdSeconds'],
      [{ holdSeconds: 60 }, 'holdSeconds'],
      [{ checkout: 'instant', holdSeconds: 60 }, 'holdSeconds'],
    ];
    const before = (await t.client.get(`/v1/drops?creatorId=${creator.id}&limit=100`)).json.data.length;
    for (const [extra, field] of cases) {
      const res = await t.client.post('/v1/drops', { token: creator.token, body: { ...base, ...extra } });
      expect(
        expectProblem(res, 400, 'validation_failed').errors.map((e: { path: string }) => e.path),
        JSON.stringify(extra),
      ).to.include(field);
    }
    expect((await t.client.get(`/v1/drops?creatorId=${creator.id}&limit=100`)).json.data.length).to.equal(before);
  });

  it('an order on a pay drop is 201 held with expiresAt; its units leave available at once and show as held', async () => {
    const drop = await payDrop(t.client, creator, { stock: 5, holdSeconds: 120 });
    const o = await hold(t.client, buyer, drop.id, 2);
    expect(o).to.include({ status: 'held', quantity: 2, payment: null });
    expect(Date.parse(o.expiresAt) - Date.parse(o.createdAt)).to.equal(120_000);
    expect(await stockOf(t.client, drop.id)).to.deep.equal({ total: 5, available: 3, held: 2 });
    expect((await t.client.get(`/v1/orders/${o.id}`, { token: buyer.token })).json).to.deep.equal(o);
    const notes = await inboxUntil(t.client, buyer, (n) => n.some((x) => x.data.orderId === o.id));
    expect(notes.find((x) => x.data.orderId === o.id)).to.deep.include({
      type: 'order.held',
      data: { dropId: drop.id, productTitle: 'Sneaker', orderId: o.id, quantity: 2, expiresAt: o.expiresAt },
    });
  });

  it('holds count towards perUserLimit; a cancelled hold gives the allowance back', async () => {
    const drop = await payDrop(t.client, creator, { stock: 10, perUserLimit: 2 });
    const a = await hold(t.client, buyer, drop.id, 2);
    expect(
      expectProblem(await order(t.client, buyer, drop.id, 1), 409, 'purchase_limit_exceeded').remainingAllowance,
    ).to.equal(0);
    const cancelled = await t.client.post(`/v1/orders/${a.id}/cancel`, { token: buyer.token });
    expect(cancelled.status, cancelled.text).to.equal(200);
    expect(cancelled.json).to.include({ id: a.id, status: 'cancelled', expiresAt: a.expiresAt, payment: null });
    expect(await stockOf(t.client, drop.id)).to.deep.equal({ total: 10, available: 10, held: 0 });
    await hold(t.client, buyer, drop.id, 2);
  });

  it("cancel: only from held (409 order_not_held), never someone else's (404), nothing after the deadline (409 hold_expired)", async () => {
    const drop = await payDrop(t.client, creator, { stock: 10 });
    const a = await hold(t.client, buyer, drop.id);
    expectProblem(await t.client.post(`/v1/orders/${a.id}/cancel`, { token: rival.token }), 404, 'not_found');
    expect((await t.client.post(`/v1/orders/${a.id}/cancel`, { token: buyer.token })).status).to.equal(200);
    expect(
      expectProblem(await t.client.post(`/v1/orders/${a.id}/cancel`, { token: buyer.token }), 409, 'order_not_held')
        .orderStatus,
    ).to.equal('cancelled');
    const paid = await hold(t.client, buyer, drop.id);
    expect((await pay(t.client, buyer, paid.id)).status).to.equal(200);
    expectProblem(await t.client.post(`/v1/orders/${paid.id}/cancel`, { token: buyer.token }), 409, 'order_not_held');
    const instant = (await order(t.client, buyer, (await liveDrop(t.client, creator)).id, 1)).json;
    expectProblem(
      await t.client.post(`/v1/orders/${instant.id}/cancel`, { token: buyer.token }),
      409,
      'order_not_held',
    );
    expectProblem(await t.client.post('/v1/orders/nope/cancel', { token: buyer.token }), 404, 'not_found');
    expectProblem(await t.client.post(`/v1/orders/${a.id}/cancel`), 401, 'unauthenticated');
  });

  it('at expiresAt a hold becomes expired and its units return, once; paying or cancelling it then is 409 hold_expired', async () => {
    const drop = await payDrop(t.client, creator, { stock: 3, holdSeconds: 30 });
    const [a, b] = [await hold(t.client, buyer, drop.id, 2), await hold(t.client, rival, drop.id, 1)];
    expect(await stockOf(t.client, drop.id)).to.deep.equal({ total: 3, available: 0, held: 3 });
    expect((await t.client.get(`/v1/drops/${drop.id}`)).json.status).to.equal('sold_out');
    clock.shift(31_000);
    const expired = await orderUntil(t.client, buyer, a.id, 'expired');
    await orderUntil(t.client, rival, b.id, 'expired');
    expect(expired).to.include({ expiresAt: a.expiresAt, payment: null });
    expect(await stockOf(t.client, drop.id)).to.deep.equal({ total: 3, available: 3, held: 0 });
    expect(expectProblem(await pay(t.client, buyer, a.id), 409, 'hold_expired').expiresAt).to.equal(a.expiresAt);
    expectProblem(await t.client.post(`/v1/orders/${a.id}/cancel`, { token: buyer.token }), 409, 'hold_expired');
    const notes = await inboxUntil(t.client, buyer, (n) =>
      n.some((x) => x.type === 'order.expired' && x.data.orderId === a.id),
    );
    expect(notes.filter((x) => x.type === 'order.expired' && x.data.orderId === a.id)).to.have.length(1);
    expect(await hold(t.client, buyer, drop.id, 3)).to.include({ quantity: 3 });
  });

  it('a hold past its deadline is refused payment even before the expiry loop has ended it', async () => {
    const own = new ShiftedClock();
    const lazy = await startTestServer({ clock: own, checkout: { tuning: { expiryIntervalMs: 600_000 } } });
    try {
      const [c, u] = [await register(lazy.client, 'lazyc', true), await register(lazy.client, 'lazyu')];
      // An hour: on the production pass the suite's other server (`t`, its clock 31 s ahead)
      // shares this database and runs its own expiry loop; it must not reach this hold.
      const drop = await payDrop(lazy.client, c, { holdSeconds: 3600 });
      const a = await hold(lazy.client, u, drop.id);
      // The expiry loop ticks once as the server starts (holds due while it was down); let that
      // tick finish before the deadline passes, so only the requests below see it.
      await new Promise((r) => setTimeout(r, 500));
      own.shift(3_600_000);
      expectProblem(await pay(lazy.client, u, a.id), 409, 'hold_expired');
      expectProblem(await lazy.client.post(`/v1/orders/${a.id}/cancel`, { token: u.token }), 409, 'hold_expired');
      // Not ended yet: its units stay held until the loop returns them, exactly once.
      expect((await lazy.client.get(`/v1/orders/${a.id}`, { token: u.token })).json.status).to.equal('held');
    } finally {
      await lazy.close();
    }
  });

  it('followers hear stock.low and drop.sold_out once, even when returned units let the drop sell out again', async () => {
    const fan = await register(t.client, 'hfan');
    await follow(t.client, fan, creator);
    const drop = await payDrop(t.client, creator, { stock: 2, lowStockThreshold: 1 });
    const [one, two] = await registerMany(t.client, 'hlines', 2);
    const first = await hold(t.client, one!, drop.id, 2);
    await inboxUntil(t.client, fan, (n) => n.some((x) => x.type === 'drop.sold_out' && x.data.dropId === drop.id));
    expect((await t.client.post(`/v1/orders/${first.id}/cancel`, { token: one!.token })).status).to.equal(200);
    await hold(t.client, two!, drop.id, 2);
    await new Promise((r) => setTimeout(r, 300));
    const lines = (await inboxUntil(t.client, fan, () => true))
      .filter((x) => x.data.dropId === drop.id && x.type !== 'drop.started')
      .map((x) => x.type);
    expect(lines.sort()).to.deep.equal(['drop.sold_out', 'stock.low']);
  });

  it('keys are kept per request: an order key reused for a payment is 422, the payment key alone replays', async () => {
    const drop = await payDrop(t.client, creator);
    const key = newKey();
    const placed = await order(t.client, buyer, drop.id, 1, key);
    expectProblem(await pay(t.client, buyer, placed.json.id, 'pm_card_visa', key), 422, 'idempotency_key_reused');
    expect((await order(t.client, buyer, drop.id, 1, key)).headers.get('idempotent-replayed')).to.equal('true');
  });
});
