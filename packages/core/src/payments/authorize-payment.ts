import type { CheckoutObserver } from '../holds/checkout-observer.js';
import type { Order } from '../orders/order.js';
import type { Clock } from '../shared/clock.port.js';
import type { IdGenerator } from '../shared/id-generator.port.js';
import type { UnitOfWork } from '../shared/unit-of-work.port.js';
import { ask } from './owed-steps.js';
import type { GatewayAnswer, PaymentGateway } from './payment-gateway.port.js';
import type { Payment, PaymentRepository } from './payment.js';

export interface AuthorizeTuning {
  /** Gateway calls per authorization when the outcome is unknown (same key each time). */
  attempts: number;
  /** Wait before the n-th retry: backoffMs · 2^(n-1). */
  backoffMs: number;
  /** How long a payment stays the request's before the settle loop may void it. */
  leaseMs: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Steps 1 and 2 of a payment: the row `authorizing` is committed before the gateway is asked
 * (a crash from then on leaves a row saying an authorization may exist under its key), and the
 * gateway is asked again with the same key while its answer is unknown.
 */
export class Authorizer {
  constructor(
    private readonly d: {
      payments: Pick<PaymentRepository, 'findByRequest'>;
      uow: UnitOfWork;
      clock: Clock;
      ids: IdGenerator;
      gateway: PaymentGateway;
      observer?: CheckoutObserver | undefined;
    },
    private readonly tuning: AuthorizeTuning,
  ) {}

  /** The request's payment: the one a failed try of this same key left authorizing (resumed), or a new one. */
  async open(order: Order, method: string, key: string): Promise<Payment> {
    const now = this.d.clock.now();
    const leaseUntil = now + this.tuning.leaseMs;
    const prior = await this.d.payments.findByRequest(order.id, key);
    if (prior?.status === 'authorizing') {
      const renew = { leaseUntil, updatedAt: now };
      const resumed = await this.d.uow.run((tx) => tx.payments.advance(prior.id, { status: 'authorizing' }, renew));
      if (resumed) return { ...prior, leaseUntil };
    }
    const payment: Payment = {
      id: this.d.ids.next(),
      orderId: order.id,
      userId: order.userId,
      dropId: order.dropId,
      requestKey: key,
      method,
      amountCents: order.totalCents,
      currency: order.currency,
      status: 'authorizing',
      authorizationId: null,
      declineCode: null,
      attempts: 0,
      createdAt: now,
      updatedAt: now,
      leaseUntil,
    };
    await this.d.uow.run((tx) => tx.payments.insert(payment));
    return payment;
  }

  /** The gateway's answer; `error` only once every attempt's outcome stayed unknown. */
  async authorize(p: Payment): Promise<GatewayAnswer<{ authorizationId: string }>> {
    let a: GatewayAnswer<{ authorizationId: string }> = { kind: 'error', message: 'not asked' };
    for (let i = 0; i < this.tuning.attempts; i++) {
      if (i > 0) await sleep(this.tuning.backoffMs * 2 ** (i - 1));
      a = await ask(() =>
        this.d.gateway.authorize({ key: p.id, amountCents: p.amountCents, currency: p.currency, method: p.method }),
      );
      this.d.observer?.gateway?.('authorize', a.kind === 'ok' ? 'authorized' : a.kind === 'refused' ? a.code : 'error');
      if (a.kind !== 'error') break;
    }
    return a;
  }
}
