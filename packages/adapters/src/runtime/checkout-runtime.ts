import type { FanOut, StoredEvent, UseCases } from '@livedrops/core';
import { BackgroundLoop } from './background-loop.js';

export interface CheckoutTuning {
  /** How often due holds are looked for: a hold expires at most this late (plus the pass itself). */
  expiryIntervalMs: number;
  expiryBatchSize: number;
  /** How often payments owed a gateway call (capture, void) are looked for. */
  settleIntervalMs: number;
  settleBatchSize: number;
}

export const DEFAULT_CHECKOUT_TUNING: CheckoutTuning = {
  expiryIntervalMs: 250,
  expiryBatchSize: 200,
  settleIntervalMs: 500,
  settleBatchSize: 50,
};

/**
 * Checkout's background half, on every instance: the expiry loop (holds past their
 * deadline end and give their units back, exactly once whichever instance gets there) and
 * the settle loop (captures and voids still owed to the gateway, retried until done).
 */
export class CheckoutRuntime {
  private readonly expiry: BackgroundLoop;
  private readonly settle: BackgroundLoop;

  constructor(
    useCases: Pick<UseCases, 'expireDueHolds' | 'settlePayments'>,
    tuning: CheckoutTuning,
    onError: (err: unknown, where: 'expiry' | 'settle') => void = () => undefined,
  ) {
    this.expiry = new BackgroundLoop(
      async () => {
        // A full batch means more are due: go again at once rather than after the interval.
        while ((await useCases.expireDueHolds.execute(tuning.expiryBatchSize)) >= tuning.expiryBatchSize);
      },
      tuning.expiryIntervalMs,
      (e) => onError(e, 'expiry'),
    );
    this.settle = new BackgroundLoop(
      async () => void (await useCases.settlePayments.execute(tuning.settleBatchSize)),
      tuning.settleIntervalMs,
      (e) => onError(e, 'settle'),
    );
  }

  start(): void {
    this.expiry.start(0);
    this.settle.start(0);
  }

  async stop(): Promise<void> {
    await this.expiry.stop();
    await this.settle.stop();
  }
}

/** The events that mean units of a drop came back (to it, or to its waitlist). */
const RETURNS = new Set(['order.expired', 'order.cancelled']);

/**
 * The fan-out as this instance's event consumer calls it, telling `onReturn` of every hold
 * that ended unpaid, whichever instance ended it: the sold-out memo forgets the drop, so
 * returned units are offered here too within the relay's delay rather than the memo's TTL.
 */
export function hearingReturns(fanOut: FanOut, onReturn: (dropId: string) => void): FanOut {
  const hear = (e: StoredEvent): void => {
    if (RETURNS.has(e.type)) onReturn(e.dropId);
  };
  const heard = Object.create(fanOut) as FanOut;
  heard.execute = (e, audience) => (hear(e), fanOut.execute(e, audience));
  heard.recipients = (e, ...rest) => (hear(e), fanOut.recipients(e, ...rest));
  return heard;
}
