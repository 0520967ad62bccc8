import type { User } from '../accounts/user.js';
import type { DropRepository } from '../drops/drop-repository.port.js';
import type { CheckoutObserver } from '../holds/checkout-observer.js';
import { DropNotLiveError } from '../drops/drop.errors.js';
import { holdRefusal } from '../holds/hold.js';
import type { IdempotencyLock, IdempotencyRecord, IdempotencyStore } from '../orders/idempotency-store.port.js';
import type { OrderRepository } from '../orders/order-repository.port.js';
import { IdempotencyKeyInUseError, IdempotencyKeyReusedError } from '../orders/order.errors.js';
import { failure } from '../orders/order-outcomes.js';
import type { Order, OrderOutcome } from '../orders/order.js';
import type { Clock } from '../shared/clock.port.js';
import { NotFoundError, ValidationError } from '../shared/domain-error.js';
import type { IdGenerator } from '../shared/id-generator.port.js';
import type { UnitOfWork } from '../shared/unit-of-work.port.js';
import { decidePayment, TakenOver, type Decision } from './decide-payment.js';
import { Authorizer, type AuthorizeTuning } from './authorize-payment.js';
import { OwedSteps } from './owed-steps.js';
import { PaymentDeclinedError, PaymentUnavailableError } from './payment.errors.js';
import type { PaymentGateway } from './payment-gateway.port.js';
import type { Payment, PaymentRepository } from './payment.js';

export type PayOrderTuning = AuthorizeTuning;

export interface PayOrderResult {
  outcome: OrderOutcome;
  /** True when the outcome is the stored answer to an earlier request with the same key. */
  replayed: boolean;
}

type Recorder = (outcome: OrderOutcome) => IdempotencyRecord;

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
  private readonly authorizer: Authorizer;

  constructor(private readonly d: PayOrderDeps) {
    this.tuning = d.tuning ?? DEFAULT_PAY_TUNING;
    this.steps = new OwedSteps(d);
    this.authorizer = new Authorizer(d, this.tuning);
  }

  async execute(user: User, key: string, orderId: string, input: { paymentMethodId: string }): Promise<PayOrderResult> {
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
      const record: Recorder = (outcome) => ({
        userId: user.id,
        key,
        fingerprint,
        outcome,
        createdAt: this.d.clock.now(),
      });
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

  private async pay(user: User, orderId: string, method: string, key: string, record: Recorder): Promise<OrderOutcome> {
    const order = await this.d.orders.findById(orderId);
    const mine = order && order.userId === user.id ? order : null;
    const drop = mine && (await this.d.drops.findById(mine.dropId));
    // A cancelled drop confirms nothing more (api.md: no order succeeds after the cancel).
    const cancelled = drop?.cancelledAt != null ? new DropNotLiveError('cancelled') : null;
    const refusal =
      !mine || !drop ? new NotFoundError('Order') : (holdRefusal(mine, this.d.clock.now(), 'pay') ?? cancelled);
    if (refusal || !order) {
      const outcome = failure(refusal ?? new NotFoundError('Order'));
      await this.d.uow.run((tx) => tx.idempotency.save(record(outcome)));
      return outcome;
    }
    const payment = await this.authorizer.open(order, method, key);
    const answer = await this.authorizer.authorize(payment);
    if (answer.kind === 'error') throw new PaymentUnavailableError(); // the lease keeps it for a retry of this key
    if (answer.kind === 'refused') return this.declined(payment, answer.code, record);
    return this.decide(order, { ...payment, authorizationId: answer.authorizationId }, record);
  }

  private async declined(p: Payment, code: string, record: Recorder): Promise<OrderOutcome> {
    const outcome = failure(new PaymentDeclinedError(code));
    const now = this.d.clock.now();
    const stored = await this.d.uow.run(async (tx) => {
      const patch = { status: 'declined', declineCode: code, updatedAt: now } as const;
      if (!(await tx.payments.advance(p.id, { status: 'authorizing' }, patch))) return false;
      await tx.idempotency.save(record(outcome));
      return true;
    });
    if (!stored) throw new PaymentUnavailableError();
    return outcome;
  }

  /** Step 3 (decide-payment.ts), then step 4: the call owed to the gateway, once inline (the settle loop retries it). */
  private async decide(order: Order, p: Payment, record: Recorder): Promise<OrderOutcome> {
    const drop = await this.d.drops.findById(order.dropId);
    if (!drop) throw new NotFoundError('Drop');
    const now = this.d.clock.now();
    const leaseUntil = now + this.tuning.leaseMs;
    let done: Decision;
    try {
      const at = { orders: this.d.orders, drop, now, leaseUntil, nextId: () => this.d.ids.next() };
      done = await this.d.uow.run((tx) => decidePayment(tx, at, order, p, record));
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
