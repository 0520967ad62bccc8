import type { Instrumentation } from '@livedrops/adapters';
import type { CheckoutObserver } from '@livedrops/core';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The app's Prometheus metrics in a registry of its own, so several apps (tests) can
 * live in one process without "metric already registered" clashes. Adapters may
 * register their metrics (stock latency, cache hits, outbox lag) into `registry` too.
 */
export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  /** Order attempts by outcome: `confirmed`, a business error code, or `replayed`. */
  orders: Counter<'outcome'>;
  /** Age of the oldest event the relay has not yet published, as of its last pass. */
  outboxLag: Gauge;
  /** From an event's creation to its being written to a live stream. */
  notificationDeliveryLag: Histogram<'type'>;
  /** Open notification streams on this instance. */
  notificationStreams: Gauge;
  /** Followers per fan-out-on-write inbox batch. */
  fanoutBatchSize: Histogram;
  /** The reserve step of an order: the conditional stock decrement (and the per-user tally). */
  stockDecrement: Histogram;
  /** How long a unit of work waited for the database writer (group-commit queue, BEGIN IMMEDIATE). */
  dbLockWait: Histogram;
  /** SQLITE_BUSY answers: another process held the write lock past busy_timeout. */
  dbBusy: Counter;
  /** Cached reads (drop, product, creator) by whether the cache answered. */
  cacheRequests: Counter<'kind' | 'result'>;
  /** The hot-stock gate's verdicts (Redis profile): held, free, probe, sold_out, seeded. */
  stockGate: Counter<'verdict'>;
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
export function checkoutObserver(metrics: Metrics): CheckoutObserver {
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
export function watchHolds(metrics: Metrics, count: () => Promise<number>): void {
  holdCounts.set(metrics.holdsOpen, count);
}

/** The storage adapters' timings, as Prometheus metrics. */
export function adapterInstrumentation(metrics: Metrics): Instrumentation {
  return {
    stockDecrement: (seconds) => metrics.stockDecrement.observe(seconds),
    lockWait: (seconds) => metrics.dbLockWait.observe(seconds),
    busy: () => metrics.dbBusy.inc(),
    cacheRead: (kind, hit) => metrics.cacheRequests.inc({ kind, result: hit ? 'hit' : 'miss' }),
    stockGate: (verdict) => metrics.stockGate.inc({ verdict }),
  };
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'livedrops_' });
  return {
    registry,
    httpRequests: new Counter({
      name: 'livedrops_http_requests_total',
      help: 'HTTP requests by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'livedrops_http_request_duration_seconds',
      help: 'HTTP request latency by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    orders: new Counter({
      name: 'livedrops_orders_total',
      help: 'Order attempts by outcome (confirmed, a business error code, or replayed)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    outboxLag: new Gauge({
      name: 'livedrops_outbox_lag_seconds',
      help: 'Age of the oldest unpublished outbox event at the relay\'s last pass',
      registers: [registry],
    }),
    notificationDeliveryLag: new Histogram({
      name: 'livedrops_notification_delivery_lag_seconds',
      help: 'From event creation to the notification being written to a live stream, by type',
      labelNames: ['type'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
      registers: [registry],
    }),
    notificationStreams: new Gauge({
      name: 'livedrops_notification_streams_connected',
      help: 'Open notification streams (SSE) on this instance',
      registers: [registry],
    }),
    fanoutBatchSize: new Histogram({
      name: 'livedrops_fanout_batch_size',
      help: 'Followers per fan-out-on-write inbox batch',
      buckets: [1, 10, 50, 100, 250, 500, 1000, 2500, 5000],
      registers: [registry],
    }),
    stockDecrement: new Histogram({
      name: 'livedrops_stock_decrement_seconds',
      help: 'Time the reserve step of an order took (conditional stock decrement and per-user tally)',
      buckets: [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05],
      registers: [registry],
    }),
    dbLockWait: new Histogram({
      name: 'livedrops_db_lock_wait_seconds',
      help: 'Time a unit of work waited for the database writer (group-commit queue and BEGIN IMMEDIATE)',
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers: [registry],
    }),
    dbBusy: new Counter({
      name: 'livedrops_db_busy_total',
      help: 'Times the database answered busy: another process held the write lock past its busy timeout',
      registers: [registry],
    }),
    cacheRequests: new Counter({
      name: 'livedrops_cache_requests_total',
      help: 'Cached reads (drop, product, creator) by kind and result (hit or miss)',
      labelNames: ['kind', 'result'],
      registers: [registry],
    }),
    stockGate: new Counter({
      name: 'livedrops_stock_gate_total',
      help: 'Hot-stock gate verdicts: held, free (asked for more than it counts), probe, sold_out (turned away), seeded (rebuilt from the database)',
      labelNames: ['verdict'],
      registers: [registry],
    }),
    ...checkoutMetrics(registry),
  };
}

function checkoutMetrics(registry: Registry): Pick<Metrics, 'holdsOpen' | 'holdsEnded' | 'holdExpiryLag' | 'waitlistOffers' | 'payments' | 'gatewayCalls' | 'holdToPayment'> {
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
    holdsEnded: new Counter({ name: 'livedrops_holds_ended_total', help: 'Holds ended, by how: confirmed, cancelled, expired', labelNames: ['end'], registers }),
    holdExpiryLag: new Histogram({
      name: 'livedrops_hold_expiry_lag_seconds',
      help: "From a hold's deadline to its expiry by the expiry loop",
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers,
    }),
    waitlistOffers: new Counter({ name: 'livedrops_waitlist_offers_total', help: 'Holds made for waitlisted users from returned units', registers }),
    payments: new Counter({ name: 'livedrops_payments_total', help: 'Payment requests by outcome (confirmed, or the error code)', labelNames: ['outcome'], registers }),
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
