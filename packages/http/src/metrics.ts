import type { Instrumentation } from '@livedrops/adapters';
import { createCheckoutMetrics, type CheckoutMetrics } from './checkout-metrics.js';
import { createFairAccessMetrics, type FairAccessMetrics } from './fair-access-metrics.js';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The app's Prometheus metrics in a registry of its own, so several apps (tests) can
 * live in one process without "metric already registered" clashes. Adapters may
 * register their metrics (stock latency, cache hits, outbox lag) into `registry` too.
 */
export interface Metrics extends CheckoutMetrics, FairAccessMetrics {
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
      help: "Age of the oldest unpublished outbox event at the relay's last pass",
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
    ...createCheckoutMetrics(registry),
    ...createFairAccessMetrics(registry),
  };
}
