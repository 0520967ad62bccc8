import { expect } from 'chai';
import { expectProblem } from './support/client.js';
import { createDrop, createProduct, newKey, order, register, type Account } from './support/fixtures.js';
import { sleep, startTestServer, type TestServer } from './support/harness.js';

describe('GET /v1/drops/{id}/stats', () => {
  let t: TestServer;
  let creator: Account;
  let fans: Account[];
  before(async () => {
    t = await startTestServer();
    [creator, ...fans] = await Promise.all([
      register(t.client, 'statsmaker', true),
      register(t.client, 'statsfan'),
      register(t.client, 'statsfan'),
      register(t.client, 'statsfan'),
    ]);
    for (const fan of fans.slice(0, 2))
      expect((await t.client.put(`/v1/me/following/${creator.id}`, { token: fan.token })).status).to.equal(201);
  });
  after(() => t.close());

  const stats = (id: string, token = creator.token) => t.client.get(`/v1/drops/${id}/stats`, { token });

  async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 5_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = await read();
      if (ok(v) || Date.now() > deadline) return v;
      await sleep(50);
    }
  }

  it('follows a drop from its start to its sell-out: units, orders, lags, the followers who bought', async () => {
    const product = await createProduct(t.client, creator, { title: 'Stats tee' });
    const drop = await createDrop(t.client, creator, product.id, { startsIn: 400, stock: 3, lowStockThreshold: 1 });
    const before = await stats(drop.id);
    expect(before.status, before.text).to.equal(200);
    expect(before.json).to.deep.include({
      dropId: drop.id,
      status: 'upcoming',
      conversion: null,
      soldOutAt: null,
      timeToSellOutMs: null,
    });
    expect(before.json.units).to.deep.equal({ total: 3, sold: 0, held: 0, left: 3 });
    expect(before.json.notifications).to.deep.equal({ deliveries: [], maxLagMs: null });

    const started = await until(
      () => stats(drop.id),
      (r) => r.json.notifications.deliveries[0]?.deliveredAt != null,
    );
    const delivery = started.json.notifications.deliveries[0];
    expect(delivery).to.include({ type: 'drop.started', triggeredAt: drop.startsAt });
    // api.md: a notification reaches the streams within 2 s of its trigger.
    expect(delivery.lagMs).to.be.a('number').within(0, 2_000);
    expect(started.json.conversion).to.deep.equal({ notifiedFollowers: 2, buyers: 0, rate: 0 });

    for (const [fan, quantity] of [
      [fans[0]!, 1],
      [fans[2]!, 1],
      [fans[0]!, 1],
    ] as const) {
      const res = await order(t.client, fan, drop.id, quantity);
      expect(res.status, res.text).to.equal(201);
    }
    const done = await until(
      () => stats(drop.id),
      (r) => r.json.notifications.deliveries.every((d: { lagMs: unknown }) => d.lagMs !== null),
    );
    const s = done.json;
    expect(s.status).to.equal('sold_out');
    expect(s.units).to.deep.equal({ total: 3, sold: 3, held: 0, left: 0 });
    expect(s.orders).to.include({ count: 3, buyers: 2 });
    expect(s.orders.perSecond).to.be.above(0);
    expect(s.timeToSellOutMs).to.equal(Date.parse(s.soldOutAt) - Date.parse(drop.startsAt));
    expect(s.notifications.deliveries.map((d: { type: string }) => d.type)).to.deep.equal([
      'drop.started',
      'stock.low',
      'drop.sold_out',
    ]);
    expect(s.notifications.maxLagMs).to.be.within(0, 2_000);
    // Two followers were told; one of them bought (the third buyer follows nobody).
    expect(s.conversion).to.deep.equal({ notifiedFollowers: 2, buyers: 1, rate: 0.5 });
  });

  it('on a pay drop shows open holds apart from paid units', async () => {
    const product = await createProduct(t.client, creator, { title: 'Stats hold' });
    const startsAt = new Date(Date.now() - 1_000).toISOString();
    const endsAt = new Date(Date.now() + 3_600_000).toISOString();
    const body = { productId: product.id, startsAt, endsAt, stock: 3, checkout: 'pay', holdSeconds: 600 };
    const created = await t.client.post('/v1/drops', { token: creator.token, body });
    expect(created.status, created.text).to.equal(201);
    const [paid, held] = [
      await order(t.client, fans[0]!, created.json.id, 1),
      await order(t.client, fans[1]!, created.json.id, 1),
    ];
    expect([paid.status, held.status, held.json.status]).to.deep.equal([201, 201, 'held']);
    const pay = await t.client.post(`/v1/orders/${paid.json.id}/payment`, {
      token: fans[0]!.token,
      headers: { 'Idempotency-Key': newKey() },
      body: { paymentMethodId: 'pm_card_visa' },
    });
    expect(pay.status, pay.text).to.equal(200);
    expect((await stats(created.json.id)).json.units).to.deep.equal({ total: 3, sold: 1, held: 1, left: 1 });
  });

  it("is the creator's alone: 403 for others, 401 without a token, 404 for no drop, 400 for a bad id", async () => {
    const product = await createProduct(t.client, creator);
    const drop = await createDrop(t.client, creator, product.id);
    expectProblem(await stats(drop.id, fans[0]!.token), 403, 'forbidden');
    expectProblem(await t.client.get(`/v1/drops/${drop.id}/stats`), 401, 'unauthenticated');
    expectProblem(await stats('no-such-drop'), 404, 'not_found');
    expectProblem(await stats('bad%20id'), 400, 'validation_failed');
    const res = await stats(drop.id);
    expect(res.headers.get('cache-control')).to.equal('no-store');
  });
});
