import type { Clock } from '../shared/clock.port.js';
import type { UnitOfWork } from '../shared/unit-of-work.port.js';
import { OwedSteps, type OwedStepsDeps } from './owed-steps.js';
import type { Payment, PaymentRepository } from './payment.js';

export interface SettlePaymentsDeps extends OwedStepsDeps {
  payments: Pick<PaymentRepository, 'unsettled'>;
  uow: UnitOfWork;
  clock: Clock;
  /** How long one pass owns a payment it took (longer than any gateway call). */
  leaseMs?: number | undefined;
}

/**
 * The settle loop's step: the gateway calls owed by payments whose owner let go of them
 * (a request that crashed, or whose inline call failed), retried until done, on any
 * instance: capture what confirmed an order, void what did not, and void what a request
 * left `authorizing` past its lease (it may have authorized before it died). A pass takes
 * a payment with a conditional lease, so two instances do not make the same call at once;
 * if they ever did, the gateway's key would make the repeat harmless.
 */
export class SettlePayments {
  private readonly steps: OwedSteps;
  private readonly leaseMs: number;

  constructor(private readonly d: SettlePaymentsDeps) {
    this.steps = new OwedSteps(d);
    this.leaseMs = d.leaseMs ?? 60_000;
  }

  /** Settles up to `limit` payments; returns how many it finished. */
  async execute(limit = 50): Promise<number> {
    const now = this.d.clock.now();
    let done = 0;
    for (const p of await this.d.payments.unsettled(now, limit)) if (await this.settle(p, now)) done++;
    return done;
  }

  private async settle(p: Payment, now: number): Promise<boolean> {
    const leaseUntil = now + this.leaseMs;
    const claim = { status: p.status, leaseBefore: now };
    const took = await this.d.uow.run((tx) => tx.payments.advance(p.id, claim, { leaseUntil, updatedAt: now }));
    if (!took) return false;
    let owed: Payment = { ...p, leaseUntil };
    if (p.status === 'authorizing') {
      // Abandoned mid-authorization: whatever the gateway did under its key is released.
      const voiding = { status: 'voiding', updatedAt: now } as const;
      const moved = await this.d.uow.run((tx) => tx.payments.advance(p.id, { status: 'authorizing' }, voiding));
      if (!moved) return false;
      owed = { ...owed, status: 'voiding' };
    }
    if (owed.status === 'authorized') return this.steps.capture(owed);
    if (owed.status === 'voiding') return this.steps.void(owed);
    return false;
  }
}
