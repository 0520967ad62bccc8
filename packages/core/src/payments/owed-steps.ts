import type { Clock } from '../shared/clock.port.js';
import type { UnitOfWork } from '../shared/unit-of-work.port.js';
import type { IdempotencyStore } from '../orders/idempotency-store.port.js';
import type { CheckoutObserver } from '../holds/checkout-observer.js';
import type { GatewayAnswer, PaymentGateway } from './payment-gateway.port.js';
import type { Payment } from './payment.js';

export interface OwedStepsDeps {
  gateway: PaymentGateway;
  uow: UnitOfWork;
  idempotency: Pick<IdempotencyStore, 'find'>;
  clock: Clock;
  observer?: CheckoutObserver | undefined;
}

/** A gateway call that threw is an unknown outcome, like any other gateway error. */
export async function ask<T>(call: () => Promise<GatewayAnswer<T>>): Promise<GatewayAnswer<T>> {
  try {
    return await call();
  } catch (e) {
    return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
  }
}

/** How long a payment whose gateway call failed `attempts` times waits for the settle loop: 1 s, doubling, at most a minute. */
export const retryDelayMs = (attempts: number): number =>
  Math.min(60_000, 1000 * 2 ** Math.min(Math.max(attempts - 1, 0), 6));

/**
 * The gateway calls a payment is owed once its order's fate is decided: capture for an
 * `authorized` payment (its order was confirmed), void for a `voiding` one. Both the payment
 * request (once, inline) and the settle loop (until done) make them; the gateway's key makes
 * a repeat harmless, and the conditional step records the result once.
 */
export class OwedSteps {
  constructor(private readonly d: OwedStepsDeps) {}

  /** True once the payment is captured (by this call or an earlier one). */
  async capture(p: Payment): Promise<boolean> {
    const a = await ask(() => this.d.gateway.capture({ key: p.id, amountCents: p.amountCents }));
    this.d.observer?.gateway?.('capture', a.kind === 'ok' ? 'captured' : a.kind === 'refused' ? a.code : 'error');
    const now = this.d.clock.now();
    if (a.kind === 'error') return this.later(p, now);
    if (a.kind === 'refused') {
      const failed = { status: 'failed', declineCode: a.code, updatedAt: now } as const;
      await this.d.uow.run((tx) => tx.payments.advance(p.id, { status: 'authorized' }, failed));
      return false;
    }
    // The request's stored answer follows its payment, so a replay shows what a fresh read would.
    const record = await this.d.idempotency.find(p.userId, p.requestKey);
    return this.d.uow.run(async (tx) => {
      const moved = await tx.payments.advance(p.id, { status: 'authorized' }, { status: 'captured', updatedAt: now });
      const o = record?.outcome;
      if (moved && record && o?.ok && o.order.payment?.id === p.id) {
        const order = { ...o.order, payment: { ...o.order.payment, status: 'captured' as const } };
        await tx.idempotency.replace({ ...record, outcome: { ok: true, order } });
      }
      return moved;
    });
  }

  /** True once nothing is authorized under the payment's key any more. */
  async void(p: Payment): Promise<boolean> {
    const a = await ask(() => this.d.gateway.void({ key: p.id }));
    this.d.observer?.gateway?.('void', a.kind === 'ok' ? 'voided' : a.kind === 'refused' ? a.code : 'error');
    const now = this.d.clock.now();
    if (a.kind === 'error') return this.later(p, now);
    // A refusal means the key holds nothing voidable (never authorized, already voided): done either way.
    return this.d.uow.run((tx) =>
      tx.payments.advance(p.id, { status: 'voiding' }, { status: 'voided', updatedAt: now }),
    );
  }

  /** Leaves the step to the settle loop, after a delay that grows with each failure. */
  private async later(p: Payment, now: number): Promise<false> {
    const attempts = p.attempts + 1;
    const patch = { attempts, leaseUntil: now + retryDelayMs(attempts), updatedAt: now };
    await this.d.uow.run((tx) => tx.payments.advance(p.id, { status: p.status }, patch));
    return false;
  }
}
