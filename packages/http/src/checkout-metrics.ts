import type { CheckoutObserver } from '@livedrops/core';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Checkout's metrics (docs/checkout.md): holds, payments, the gateway's answers. */
export interface CheckoutMetrics {
  /** Holds open right now, across every drop (read from the database at each scrape). */
  holdsOpen: Gauge;
  /** Holds ended, by how: `confirmed`, `cancelled`, `expired`. */
  holdsEnded: Counter<'end'>;
  /** From a hold's deadline to its expiry (the expiry loop's lateness). */
  holdExpiryLag: Histogram;
  /** Holds made for waitlisted users from returned units. */
  waitlistOffers: Counter;
  /** Payment requests by outcome: `confirmed`, or the error code (`payment_declined`, `hold_expired`, `payment_unavailable`…). */
  payments: Counter<'outcome'>;
  /** Gateway answers by step and result: `authorized`, `captured`, `voided`, a decline code, or `error` (unknown outcome). */
  gatewayCalls: Counter<'step' | 'result'>;
  /** From a hold being made to its payment confirming it. */
  holdToPayment: Histogram;
}

/** Checkout's reports, as Prometheus metrics. */
export function checkoutObserver(metrics: CheckoutMetrics): CheckoutObserver {
  return {
    expired: (lagMs, offers) => {
      metrics.holdsEnded.inc({ end: 'expired' });
      metrics.holdExpiryLag.observe(lagMs / 1000);
      if (offers > 0) metrics.waitlistOffers.inc(offers);
    },
    cancelled: () => metrics.holdsEnded.inc({ end: 'cancelled' }),
    gateway: (step, result) => metrics.gatewayCalls.inc({ step, result }),
    payment: (outcome) => metrics.payments.inc({ outcome }),
    paid: (ms) => {
      metrics.holdsEnded.inc({ end: 'confirmed' });
      metrics.holdToPayment.observe(ms / 1000);
    },
  };
}

/** Where each open-holds gauge reads its value at a scrape (set once the storage engine is up). */
const holdCounts = new WeakMap<Gauge, () => Promise<number>>();

/** Makes the open-holds gauge read `count` at every scrape. */
export function watchHolds(metrics: CheckoutMetrics, count: () => Promise<number>): void {
  holdCounts.set(metrics.holdsOpen, count);
}

export function createCheckoutMetrics(registry: Registry): CheckoutMetrics {
  const registers = [registry];
  return {
    holdsOpen: new Gauge({
      name: 'livedrops_holds_open',
      help: 'Holds open right now, over every drop',
      registers,
      async collect() {
        const count = holdCounts.get(this);
        if (count) this.set(await count().catch(() => NaN));
      },
    }),
    holdsEnded: new Counter({
      name: 'livedrops_holds_ended_total',
      help: 'Holds ended, by how: confirmed, cancelled, expired',
      labelNames: ['end'],
      registers,
    }),
    holdExpiryLag: new Histogram({
      name: 'livedrops_hold_expiry_lag_seconds',
      help: "From a hold's deadline to its expiry by the expiry loop",
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers,
    }),
    waitlistOffers: new Counter({
      name: 'livedrops_waitlist_offers_total',
      help: 'Holds made for waitlisted users from returned units',
      registers,
    }),
    payments: new Counter({
      name: 'livedrops_payments_total',
      help: 'Payment requests by outcome (confirmed, or the error code)',
      labelNames: ['outcome'],
      registers,
    }),
    gatewayCalls: new Counter({
      name: 'livedrops_payment_gateway_calls_total',
      help: 'Gateway answers by step (authorize, capture, void) and result (authorized, captured, voided, a decline code, error)',
      labelNames: ['step', 'result'],
      registers,
    }),
    holdToPayment: new Histogram({
      name: 'livedrops_hold_to_payment_seconds',
      help: 'From a hold being made to a payment confirming it',
      buckets: [1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
      registers,
    }),
  };
}
