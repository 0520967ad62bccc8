import { expect } from 'chai';
import { expectProblem } from './support/client.js';
import {
  FAST_CHECKOUT,
  hold,
  orderUntil,
  pay,
  payDrop,
  scriptedSandbox,
  ShiftedClock,
  stockOf,
} from './support/checkout.js';
import { liveDrop, newKey, order, register, type Account } from './support/fixtures.js';
import { startTestServer, type TestServer } from './support/harness.js';
import { inboxUntil } from './support/notifications.js';

describe('checkout: payments through the gateway (api.md 1.1)', () => {
  let t: TestServer;
  let creator: Account;
  let buyer: Account;
  let rival: Account;
  before(async () => {
    t = await startTestServer({ checkout: FAST_CHECKOUT, notifications: { relayIntervalMs: 20 } });
    [creator, buyer, rival] = await Promise.all([
      register(t.client, 'payer', true),
      register(t.client, 'pbuyer'),
      register(t.client, 'privalr'),
    ]);
  });
  after(() => t.close());

  it('pm_card_visa: 200 confirmed with a captured payment; the key replays it; the hold leaves `held`, not `available`', async () => {
    const drop = await payDrop(t.client, creator, { stock: 4 });
    const o = await hold(t.client, buyer, drop.id, 2);
    const key = newKey();
    const res = await pay(t.client, buyer, o.id, 'pm_card_visa', key);
    expect(res.status, res.text).to.equal(200);
    expect(res.json).to.include({ id: o.id, status: 'confirmed', expiresAt: o.expiresAt, totalCents: o.totalCents });
    expect(res.json.payment).to.include({ status: 'captured', amountCents: o.totalCents, currency: o.currency });
    expect(res.headers.get('idempotent-replayed')).to.equal(null);
    const again = await pay(t.client, buyer, o.id, 'pm_card_visa', key);
    expect(again.status).to.equal(200);
    expect(again.json).to.deep.equal(res.json);
    expect(again.headers.get('idempotent-replayed')).to.equal('true');
    expectProblem(await pay(t.client, buyer, o.id, 'pm_card_mastercard', key), 422, 'idempotency_key_reused');
    expect((await t.client.get(`/v1/orders/${o.id}`, { token: buyer.token })).json).to.deep.equal(res.json);
    expect(await stockOf(t.client, drop.id)).to.deep.equal({ total: 4, available: 2, held: 0 });
    const notes = await inboxUntil(t.client, buyer, (n) =>
      n.some((x) => x.type === 'order.confirmed' && x.data.orderId === o.id),
    );
    expect(notes.find((x) => x.type === 'order.confirmed' && x.data.orderId === o.id).data).to.include({
      paymentId: res.json.payment.id,
      quantity: 2,
    });
  });

  it('declines are 402 payment_declined with the decline code, stored and replayed; the hold stays for another method', async () => {
    const drop = await payDrop(t.client, creator);
    const o = await hold(t.client, buyer, drop.id);
    const key = newKey();
    expect(
      expectProblem(await pay(t.client, buyer, o.id, 'pm_card_chargeDeclined', key), 402, 'payment_declined')
        .declineCode,
    ).to.equal('card_declined');
    const replay = await pay(t.client, buyer, o.id, 'pm_card_chargeDeclined', key);
    expectProblem(replay, 402, 'payment_declined');
    expect(replay.headers.get('idempotent-replayed')).to.equal('true');
    expect(
      expectProblem(await pay(t.client, buyer, o.id, 'pm_card_insufficientFunds'), 402, 'payment_declined').declineCode,
    ).to.equal('insufficient_funds');
    expect(
      expectProblem(await pay(t.client, buyer, o.id, 'pm_card_nosuch'), 402, 'payment_declined').declineCode,
    ).to.equal('invalid_payment_method');
    expect((await t.client.get(`/v1/orders/${o.id}`, { token: buyer.token })).json.status).to.equal('held');
    expect((await pay(t.client, buyer, o.id)).json.status).to.equal('confirmed');
  });

  it("409 order_not_payable for a paid, cancelled or instant order; 404 for someone else's; 400 for bad input, storing nothing", async () => {
    const drop = await payDrop(t.client, creator);
    const paid = await hold(t.client, buyer, drop.id);
    expect((await pay(t.client, buyer, paid.id)).status).to.equal(200);
    expect(expectProblem(await pay(t.client, buyer, paid.id), 409, 'order_not_payable').orderStatus).to.equal(
      'confirmed',
    );
    const cancelled = await hold(t.client, buyer, drop.id);
    await t.client.post(`/v1/orders/${cancelled.id}/cancel`, { token: buyer.token });
    expectProblem(await pay(t.client, buyer, cancelled.id), 409, 'order_not_payable');
    const instant = (await order(t.client, buyer, (await liveDrop(t.client, creator)).id, 1)).json;
    expectProblem(await pay(t.client, buyer, instant.id), 409, 'order_not_payable');
    const open = await hold(t.client, buyer, drop.id);
    expectProblem(await pay(t.client, rival, open.id), 404, 'not_found');
    expectProblem(
      await t.client.post(`/v1/orders/${open.id}/payment`, {
        token: buyer.token,
        body: { paymentMethodId: 'pm_card_visa' },
      }),
      400,
      'idempotency_key_required',
    );
    const key = newKey();
    for (const body of [
      {},
      { paymentMethodId: 'visa' },
      { paymentMethodId: 'pm_card_visa', extra: 1 },
      { paymentMethodId: 42 },
    ]) {
      const res = await t.client.post(`/v1/orders/${open.id}/payment`, {
        token: buyer.token,
        headers: { 'Idempotency-Key': key },
        body,
      });
      expect(expectProblem(res, 400, 'validation_failed').errors[0].path, JSON.stringify(body)).to.match(
        /paymentMethodId|extra/,
      );
    }
    expect((await pay(t.client, buyer, open.id, 'pm_card_visa', key)).status).to.equal(200); // 400s were not stored
  });

  it('a cancelled drop confirms nothing more: 409 drop_not_live, and the hold runs out as usual', async () => {
    const drop = await payDrop(t.client, creator);
    const o = await hold(t.client, buyer, drop.id);
    expect((await t.client.post(`/v1/drops/${drop.id}/cancel`, { token: creator.token })).status).to.equal(200);
    expect(expectProblem(await pay(t.client, buyer, o.id), 409, 'drop_not_live').dropStatus).to.equal('cancelled');
    expect((await t.client.get(`/v1/orders/${o.id}`, { token: buyer.token })).json.status).to.equal('held');
  });

  it('pm_card_slow answers after 3 s; a second request with the same key meanwhile is 409 idempotency_key_in_use', async function () {
    this.timeout(15_000);
    const drop = await payDrop(t.client, creator);
    const o = await hold(t.client, buyer, drop.id);
    const key = newKey();
    const started = Date.now();
    const first = pay(t.client, buyer, o.id, 'pm_card_slow', key);
    await new Promise((r) => setTimeout(r, 200));
    expectProblem(await pay(t.client, buyer, o.id, 'pm_card_slow', key), 409, 'idempotency_key_in_use');
    const res = await first;
    expect(res.status, res.text).to.equal(200);
    expect(Date.now() - started).to.be.at.least(3000);
  });

  it('/metrics: holds open, hold endings, payment outcomes, gateway results by step, time from hold to payment', async () => {
    const drop = await payDrop(t.client, creator);
    await hold(t.client, rival, drop.id);
    const text = (await t.client.get('/metrics')).text;
    expect(text).to.match(/^livedrops_holds_open [1-9]\d*$/m);
    expect(text).to.match(/^livedrops_holds_ended_total\{end="confirmed"\} [1-9]/m);
    expect(text).to.match(/^livedrops_holds_ended_total\{end="cancelled"\} [1-9]/m);
    expect(text).to.match(/^livedrops_payments_total\{outcome="confirmed"\} [1-9]/m);
    expect(text).to.match(/^livedrops_payments_total\{outcome="payment_declined"\} [1-9]/m);
    expect(text).to.match(/^livedrops_payment_gateway_calls_total\{step="authorize",result="card_declined"\} [1-9]/m);
    expect(text).to.match(/^livedrops_payment_gateway_calls_total\{step="capture",result="captured"\} [1-9]/m);
    expect(text).to.match(/^livedrops_hold_to_payment_seconds_count [1-9]/m);
    expect(text).to.match(/^livedrops_orders_total\{outcome="held"\} [1-9]/m);
  });
});

describe('checkout: an unreliable gateway (pm_card_flaky, scripted), and payments racing the deadline', () => {
  let coins: number[] = [];
  const clock = new ShiftedClock();
  const sandbox = scriptedSandbox(() => coins.shift() ?? 0.9, 400);
  let t: TestServer;
  let creator: Account;
  let buyer: Account;
  before(async () => {
    t = await startTestServer({ clock, checkout: { ...FAST_CHECKOUT, gateway: sandbox.gateway } });
    [creator, buyer] = await Promise.all([register(t.client, 'flakyc', true), register(t.client, 'flakyb')]);
  });
  after(() => t.close());
  const authorizations = async () => (await sandbox.ledger.entries()).filter((e) => e.method !== '');

  it('every retry failing: 503 payment_unavailable, the order stays held; the same key later resumes the same gateway key', async () => {
    const drop = await payDrop(t.client, creator);
    const o = await hold(t.client, buyer, drop.id);
    const key = newKey();
    const before = (await authorizations()).length;
    coins = [0.1, 0.1, 0.1, 0.9, 0.1, 0.9, 0.1, 0.1]; // four attempts: lost, failed, lost (done!), failed
    expectProblem(await pay(t.client, buyer, o.id, 'pm_card_flaky', key), 503, 'payment_unavailable');
    expect((await t.client.get(`/v1/orders/${o.id}`, { token: buyer.token })).json.status).to.equal('held');
    coins = [0.9, 0.9];
    const res = await pay(t.client, buyer, o.id, 'pm_card_flaky', key);
    expect(res.status, res.text).to.equal(200);
    expect(res.headers.get('idempotent-replayed')).to.equal(null);
    const made = (await authorizations()).slice(before);
    expect(made.map((e) => [e.key, e.status])).to.deep.equal([[res.json.payment.id, 'captured']]);
  });

  it('an answer lost after the work was done is retried with the same key: one authorization, one capture', async () => {
    const drop = await payDrop(t.client, creator);
    const o = await hold(t.client, buyer, drop.id);
    const before = (await authorizations()).length;
    coins = [0.1, 0.1, 0.9, 0.9];
    const res = await pay(t.client, buyer, o.id, 'pm_card_flaky');
    expect(res.status, res.text).to.equal(200);
    expect((await authorizations()).slice(before).map((e) => e.status)).to.deep.equal(['captured']);
  });

  it('a payment that completes after the hold expired never confirms it: 409 hold_expired, the authorization voided, units back once', async () => {
    const drop = await payDrop(t.client, creator, { stock: 2, holdSeconds: 30 });
    const o = await hold(t.client, buyer, drop.id, 2);
    const paying = pay(t.client, buyer, o.id, 'pm_card_slow'); // answers after 400 ms here
    await new Promise((r) => setTimeout(r, 100));
    clock.shift(31_000);
    await orderUntil(t.client, buyer, o.id, 'expired');
    const res = await paying;
    expectProblem(res, 409, 'hold_expired');
    const entry = (await authorizations()).find((e) => e.method === 'pm_card_slow' && e.amountCents === o.totalCents);
    expect(entry?.status).to.equal('voided');
    expect(await stockOf(t.client, drop.id)).to.deep.equal({ total: 2, available: 2, held: 0 });
    expect((await t.client.get(`/v1/orders/${o.id}`, { token: buyer.token })).json).to.include({
      status: 'expired',
      payment: null,
    });
  });
});
