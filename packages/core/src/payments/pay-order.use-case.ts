import type { User } from '../accounts/user.js';
import type { DropRepository } from '../drops/drop-repository.port.js';
import type { CheckoutObserver } from '../holds/checkout-observer.js';
import { paidEvent } from '../holds/hold-events.js';
import { holdRefusal, OrderNotPayableError } from '../holds/hold.js';
import type { IdempotencyLock, IdempotencyRecord, IdempotencyStore } from '../orders/idempotency-store.port.js';
import type { OrderRepository } from '../orders/order-repository.port.js';
import { IdempotencyKeyInUseError, IdempotencyKeyReusedError } from '../orders/order.errors.js';
import { failure } from '../orders/order-outcomes.js';
import type { Order, OrderOutcome } from '../orders/order.js';
import type { Clock } from '../shared/clock.port.js';
import { NotFoundError, ValidationError } from '../shared/domain-error.js';
import type { IdGenerator } from '../shared/id-generator.port.js';
import type { UnitOfWork } from '../shared/unit-of-work.port.js';
import { OwedSteps, ask } from './owed-steps.js';
import { PaymentDeclinedError, PaymentUnavailableError } from './payment.errors.js';
import type { GatewayAnswer, PaymentGateway } from './payment-gateway.port.js';
import type { Payment, PaymentRepository } from './payment.js';

export interface PayOrderTuning {
  /** Gateway calls per authorization when the outcome is unknown (same key each time). */
  attempts: number;
  /** Wait before the n-th retry: backoffMs · 2^(n-1). */
  backoffMs: number;
  /** How long a payment stays the request's before the settle loop may void it. */
  leaseMs: number;
}

export const DEFAULT_PAY_TUNING: PayOrderTuning = { attempts: 4, backoffMs: 50, leaseMs: 60_000 };

export interface PayOrderDeps {
  orders: Pick<OrderRepository, 'findById'>;
  drops: Pick<DropRepository, 'findById'>;
  payments: Pick<PaymentRepository, 'findByRequest'>;
  idempotency: IdempotencyStore;
  locks: IdempotencyLock;
  uow: UnitOfWork;
  clock: Clock;
  ids: IdGenerator;
  gateway: PaymentGateway;
  observer?: CheckoutObserver | undefined;
  tuning?: PayOrderTuning | undefined;
}

export const PAYMENT_METHOD = /^pm_[A-Za-z0-9_]{1,100}$/;
const LOCK_TTL_MS = 60_000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A step the settle loop took over while this request was still at it (its lease ran out). */
class TakenOver extends Error {}

/**
 * `POST /v1/orders/{id}/payment`, exactly once per (user, Idempotency-Key), crash-safe at
 * every step: (1) a payment row `authorizing` commits before the gateway is asked; (2) the
 * gateway authorizes, retried with the same key while its answer is unknown; (3) one
 * transaction confirms the hold only if it is still held and unexpired, moves the payment
 * to `authorized` (capture owed) or `voiding` (void owed), writes `order.confirmed` and
 * the request's stored answer; (4) the owed call is made once inline and retried by the
 * settle loop until done. Declines are stored like order refusals; an unknown outcome
 * (503) is not, and a retry with the same key resumes the same payment.
 */
export class PayOrder {
  private readonly tuning: PayOrderTuning;
  private readonly steps: OwedSteps;

  constructor(private readonly d: PayOrderDeps) {
    this.tuning = d.tuning ?? DEFAULT_PAY_TUNING;
    this.steps = new OwedSteps(d);
  }

  async execute(user: User, key: string, orderId: string, input: { paymentMethodId: string }): Promise<{ outcome: OrderOutcome; replayed: boolean }> {
    if (typeof input.paymentMethodId !== 'string' || !PAYMENT_METHOD.test(input.paymentMethodId)) {
      throw ValidationError.field('paymentMethodId', 'must be a payment method id (pm_…)');
    }
    const fingerprint = JSON.stringify(['pay', orderId, input.paymentMethodId]);
    const lock = await this.d.locks.acquire(`${user.id}\u0000${key}`, LOCK_TTL_MS);
    if (!lock) throw new IdempotencyKeyInUseError();
    try {
      const prior = await this.d.idempotency.find(user.id, key);
      if (prior) {
        if (prior.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError();
        return { outcome: prior.outcome, replayed: true };
      }
      const record = (outcome: OrderOutcome): IdempotencyRecord => ({ userId: user.id, key, fingerprint, outcome, createdAt: this.d.clock.now() });
      const outcome = await this.pay(user, orderId, input.paymentMethodId, key, record);
      this.d.observer?.payment?.(outcome.ok ? 'confirmed' : outcome.error.code);
      return { outcome, replayed: false };
    } catch (e) {
      if (e instanceof PaymentUnavailableError) this.d.observer?.payment?.('payment_unavailable');
      throw e;
    } finally {
      await lock.release();
    }
  }

  private async pay(user: User, orderId: string, method: string, key: string, record: (o: OrderOutcome) => IdempotencyRecord): Promise<OrderOutcome> {
    const order = await this.d.orders.findById(orderId);
    const refusal = !order || order.userId !== user.id ? new NotFoundError('Order') : holdRefusal(order, this.d.clock.now(), 'pay');
    if (refusal || !order) {
      const outcome = failure(refusal ?? new NotFoundError('Order'));
      await this.d.uow.run((tx) => tx.idempotency.save(record(outcome)));
      return outcome;
    }
    const payment = await this.open(order, method, key);
    const answer = await this.authorize(payment);
    if (answer.kind === 'error') throw new PaymentUnavailableError(); // the lease keeps it for a retry of this key
    if (answer.kind === 'refused') return this.declined(payment, answer.code, record);
    return this.decide(order, { ...payment, authorizationId: answer.authorizationId }, record);
  }

  /** The request's payment: the one a failed try of this same key left authorizing, or a new one. */
  private async open(order: Order, method: string, key: string): Promise<Payment> {
    const now = this.d.clock.now();
    const leaseUntil = now + this.tuning.leaseMs;
    const prior = await this.d.payments.findByRequest(order.id, key);
    if (prior?.status === 'authorizing') {
      const resumed = await this.d.uow.run((tx) => tx.payments.advance(prior.id, { status: 'authorizing' }, { leaseUntil, updatedAt: now }));
      if (resumed) return { ...prior, leaseUntil };
    }
    const payment: Payment = {
      id: this.d.ids.next(), orderId: order.id, userId: order.userId, dropId: order.dropId, requestKey: key, method,
      amountCents: order.totalCents, currency: order.currency, status: 'authorizing', authorizationId: null, declineCode: null,
      attempts: 0, createdAt: now, updatedAt: now, leaseUntil,
    };
    await this.d.uow.run((tx) => tx.payments.insert(payment));
    return payment;
  }

  private async authorize(p: Payment): Promise<GatewayAnswer<{ authorizationId: string }>> {
    let a: GatewayAnswer<{ authorizationId: string }> = { kind: 'error', message: 'not asked' };
    for (let i = 0; i < this.tuning.attempts; i++) {
      if (i > 0) await sleep(this.tuning.backoffMs * 2 ** (i - 1));
      a = await ask(() => this.d.gateway.authorize({ key: p.id, amountCents: p.amountCents, currency: p.currency, method: p.method }));
      this.d.observer?.gateway?.('authorize', a.kind === 'ok' ? 'authorized' : a.kind === 'refused' ? a.code : 'error');
      if (a.kind !== 'error') break;
    }
    return a;
  }

  private async declined(p: Payment, code: string, record: (o: OrderOutcome) => IdempotencyRecord): Promise<OrderOutcome> {
    const outcome = failure(new PaymentDeclinedError(code));
    const now = this.d.clock.now();
    const stored = await this.d.uow.run(async (tx) => {
      if (!(await tx.payments.advance(p.id, { status: 'authorizing' }, { status: 'declined', declineCode: code, updatedAt: now }))) return false;
      await tx.idempotency.save(record(outcome));
      return true;
    });
    if (!stored) throw new PaymentUnavailableError();
    return outcome;
  }

  /** Step 3: the authorization confirms the hold if it is still held and unexpired, else it is owed a void. */
  private async decide(order: Order, p: Payment, record: (o: OrderOutcome) => IdempotencyRecord): Promise<OrderOutcome> {
    const drop = await this.d.drops.findById(order.dropId);
    if (!drop) throw new NotFoundError('Drop');
    const now = this.d.clock.now();
    const next = () => this.d.ids.next();
    const leaseUntil = now + this.tuning.leaseMs;
    let done: { outcome: OrderOutcome; confirmed: boolean };
    try {
      done = await this.d.uow.run(async (tx) => {
        const confirmed = await tx.holds.confirm(order.id, p.id, now);
        const status = confirmed ? 'authorized' : 'voiding';
        const patch = { status, authorizationId: p.authorizationId, updatedAt: now, leaseUntil } as const;
        if (!(await tx.payments.advance(p.id, { status: 'authorizing' }, patch))) throw new TakenOver();
        let outcome: OrderOutcome;
        if (confirmed) {
          const paid: Order = { ...confirmed.order, payment: { id: p.id, status: 'authorized', amountCents: p.amountCents, currency: p.currency } };
          await tx.outbox.append([paidEvent(paid, drop, now, next)]);
          outcome = { ok: true, order: paid };
        } else {
          const current = (await this.d.orders.findById(order.id)) ?? order;
          outcome = failure(holdRefusal(current, now, 'pay') ?? new OrderNotPayableError(current.status));
        }
        await tx.idempotency.save(record(outcome));
        return { outcome, confirmed: confirmed !== null };
      });
    } catch (e) {
      if (!(e instanceof TakenOver)) throw e;
      // The settle loop took the payment over (this request outlived its lease) and voids it.
      const current = (await this.d.orders.findById(order.id)) ?? order;
      const refusal = holdRefusal(current, this.d.clock.now(), 'pay');
      if (refusal) return failure(refusal);
      throw new PaymentUnavailableError();
    }
    const settled = { ...p, status: done.confirmed ? ('authorized' as const) : ('voiding' as const), leaseUntil };
    if (!done.confirmed) {
      await this.steps.void(settled);
      return done.outcome;
    }
    this.d.observer?.paid?.(Math.max(0, now - order.createdAt));
    const captured = await this.steps.capture(settled);
    if (!captured || !done.outcome.ok) return done.outcome;
    const o = done.outcome.order;
    return { ok: true, order: { ...o, payment: { ...o.payment!, status: 'captured' } } };
  }
}
