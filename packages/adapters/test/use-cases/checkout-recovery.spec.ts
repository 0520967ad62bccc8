import { createUseCases, DEFAULT_POLICY, type PaymentGateway, type UseCases, type User } from '@livedrops/core';
import { expect } from 'chai';
import { createMemoryAdapters } from '../../src/memory/create-memory-adapters.js';
import { SandboxGateway } from '../../src/payments/sandbox-gateway.js';
import { FakeClock } from '../../src/system/clocks.js';
import { checkoutFixtures } from '../../src/testing/contracts/checkout-fixtures.js';
import { memoryRawState } from '../../src/testing/contracts/raw-state.js';
import type { Harness } from '../harness.js';
import { checkoutUseCases } from './checkout-world.js';

/** A gateway whose next calls of one step fail with an unknown outcome (the sandbox behind it does nothing then). */
class Stumbling implements PaymentGateway {
  fail = { authorize: 0, capture: 0, void: 0 };
  constructor(private readonly inner: PaymentGateway) {}
  private stumble(step: keyof Stumbling['fail']): { kind: 'error'; message: string } | null {
    if (this.fail[step] === 0) return null;
    this.fail[step]--;
    return { kind: 'error', message: `${step} lost` };
  }
  authorize: PaymentGateway['authorize'] = async (r) => this.stumble('authorize') ?? this.inner.authorize(r);
  capture: PaymentGateway['capture'] = async (r) => this.stumble('capture') ?? this.inner.capture(r);
  void: PaymentGateway['void'] = async (r) => this.stumble('void') ?? this.inner.void(r);
}

/**
 * The payment flow resumed from what a crash or a failed gateway call leaves at each step
 * (memory engine): nothing is confirmed without an authorization, every authorization of an
 * order that did not confirm is voided, and every confirmed order is captured in the end.
 */
describe('use cases: payments recovering from crashes and gateway failures', () => {
  let h: Harness;
  let gateway: Stumbling;
  let uc: UseCases;
  let buyer: User;
  beforeEach(async () => {
    const clock = new FakeClock();
    const ports = createMemoryAdapters({ clock });
    h = { ports, clock, raw: memoryRawState(ports.store), close: async () => undefined };
    gateway = new Stumbling(new SandboxGateway(ports.sandboxLedger, { slowMs: 1, random: () => 0.9 }));
    // The use cases as the container wires them, over the stumbling gateway, one authorization attempt per request.
    const wired = checkoutUseCases(h);
    uc = createUseCases({ ...wired.ports, gateway }, DEFAULT_POLICY, {
      payTuning: { attempts: 1, backoffMs: 1, leaseMs: 60_000 },
    });
    buyer = await checkoutFixtures(h).user();
  });

  async function held() {
    const f = checkoutFixtures(h);
    const drop = await f.payDrop({ total: 5, holdSeconds: 600 });
    return (await uc.placeOrder.execute(buyer, `h-${Math.random()}`, { dropId: drop.id, quantity: 2 })).outcome as {
      ok: true;
      order: { id: string; dropId: string };
    };
  }

  it('crash after the authorization, before the decision: the settle loop voids it once the lease lapses; the hold stays payable', async () => {
    const { order } = await held();
    gateway.fail.authorize = 1; // the answer is lost: the request gives up with 503, its payment row left authorizing
    const first = await uc.payOrder
      .execute(buyer, 'k1', order.id, { paymentMethodId: 'pm_card_visa' })
      .catch((e: { code?: string }) => e.code);
    expect(first).to.equal('payment_unavailable');
    const [p] = await h.ports.payments.listByDrop(order.dropId);
    expect(p).to.include({ status: 'authorizing' });
    await gateway.authorize({ key: p!.id, amountCents: p!.amountCents, currency: p!.currency, method: p!.method }); // it did reach the gateway
    expect(await uc.settlePayments.execute()).to.equal(0); // still the request's: a retry of k1 would resume it
    h.clock.advance(60_000);
    expect(await uc.settlePayments.execute()).to.equal(1);
    expect((await h.ports.payments.findById(p!.id))?.status).to.equal('voided');
    expect((await h.ports.sandboxLedger.get(p!.id))?.status).to.equal('voided');
    const again = await uc.payOrder.execute(buyer, 'k1', order.id, { paymentMethodId: 'pm_card_visa' });
    expect(again.outcome).to.deep.include({ ok: true });
    expect((await h.ports.payments.listByDrop(order.dropId)).map((x) => x.status)).to.deep.equal([
      'voided',
      'captured',
    ]);
  });

  it('a retry of the same key before the lease lapses resumes the same payment: one authorization, confirmed once', async () => {
    const { order } = await held();
    gateway.fail.authorize = 1;
    await uc.payOrder.execute(buyer, 'k2', order.id, { paymentMethodId: 'pm_card_visa' }).catch(() => undefined);
    const r = await uc.payOrder.execute(buyer, 'k2', order.id, { paymentMethodId: 'pm_card_visa' });
    expect(r.outcome.ok && r.outcome.order.payment?.status).to.equal('captured');
    expect((await h.ports.payments.listByDrop(order.dropId)).map((x) => x.status)).to.deep.equal(['captured']);
  });

  it('a capture that fails inline leaves the order confirmed, capture owed; the settle loop takes it and the stored answer follows', async () => {
    const { order } = await held();
    gateway.fail.capture = 2;
    const r = await uc.payOrder.execute(buyer, 'k3', order.id, { paymentMethodId: 'pm_card_visa' });
    expect(r.outcome.ok && [r.outcome.order.status, r.outcome.order.payment?.status]).to.deep.equal([
      'confirmed',
      'authorized',
    ]);
    const [p] = await h.ports.payments.listByDrop(order.dropId);
    expect(p).to.include({ status: 'authorized', attempts: 1 });
    h.clock.advance(1_000); // the first retry is due after 1 s, and fails
    await uc.settlePayments.execute();
    expect((await h.ports.payments.findById(p!.id))?.status).to.equal('authorized');
    h.clock.advance(2_000);
    expect(await uc.settlePayments.execute()).to.equal(1);
    expect((await h.ports.orders.findById(order.id))?.payment?.status).to.equal('captured');
    const replay = await uc.payOrder.execute(buyer, 'k3', order.id, { paymentMethodId: 'pm_card_visa' });
    expect(replay.replayed && replay.outcome.ok && replay.outcome.order.payment?.status).to.equal('captured');
  });

  it('a void that fails inline is retried until the authorization is released', async () => {
    const { order } = await held();
    await uc.cancelHold.execute(buyer, order.id);
    gateway.fail.void = 1;
    // Paying a hold already let go is refused before the gateway is asked: nothing to void.
    const r = await uc.payOrder.execute(buyer, 'k4', order.id, { paymentMethodId: 'pm_card_visa' });
    expect(r.outcome).to.deep.include({ ok: false });
    expect((await h.ports.payments.listByDrop(order.dropId)).length).to.equal(0);
    // A void owed by a payment whose order did not take it (the race the other tests make), failing once.
    const { order: other } = await held();
    const p = checkoutFixtures(h).payment({ ...other, totalCents: 100, currency: 'EUR', userId: buyer.id } as never, {
      status: 'voiding',
      leaseUntil: h.clock.now(),
    });
    await h.ports.uow.run((tx) => tx.payments.insert(p));
    await h.ports.sandboxLedger.putFirst({
      key: p.id,
      method: 'pm_card_visa',
      amountCents: 100,
      currency: 'EUR',
      status: 'authorized',
      reference: 'a',
    });
    await uc.settlePayments.execute();
    expect((await h.ports.payments.findById(p.id))?.status).to.equal('voiding');
    h.clock.advance(1_000);
    await uc.settlePayments.execute();
    expect((await h.ports.payments.findById(p.id))?.status).to.equal('voided');
    expect((await h.ports.sandboxLedger.get(p.id))?.status).to.equal('voided');
  });
});
