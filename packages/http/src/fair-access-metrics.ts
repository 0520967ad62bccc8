import type { FairAccessObserver } from '@livedrops/core';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Fair access's metrics (docs/fair-access.md): waiting rooms and passes. */
export interface FairAccessMetrics {
  /** Users waiting in every waiting room right now (read from the database at each scrape). */
  queueWaiting: Gauge;
  /** Users admitted from waiting rooms (its rate is the admission rate). */
  queueAdmitted: Counter;
  /** Passes presented with orders: `used`, or `refused` (missing, someone else's, spent or expired). */
  passes: Counter<'result'>;
  /** From a drop's start to each user's admission. */
  timeToAdmission: Histogram;
}

const waitingCounts = new WeakMap<Gauge, () => Promise<number>>();

/** Makes the waiting gauge read `count` at every scrape. */
export function watchQueues(metrics: FairAccessMetrics, count: () => Promise<number>): void {
  waitingCounts.set(metrics.queueWaiting, count);
}

export function fairAccessObserver(metrics: FairAccessMetrics): FairAccessObserver {
  return {
    admitted: (sinceStart) => {
      metrics.queueAdmitted.inc(sinceStart.length);
      for (const ms of sinceStart) metrics.timeToAdmission.observe(Math.max(0, ms) / 1000);
    },
    pass: (result) => metrics.passes.inc({ result }),
  };
}

export function createFairAccessMetrics(registry: Registry): FairAccessMetrics {
  const registers = [registry];
  return {
    queueWaiting: new Gauge({
      name: 'livedrops_queue_waiting',
      help: 'Users waiting in waiting rooms right now',
      registers,
      async collect() {
        const count = waitingCounts.get(this);
        if (count) this.set(await count().catch(() => NaN));
      },
    }),
    queueAdmitted: new Counter({
      name: 'livedrops_queue_admitted_total',
      help: 'Users admitted from waiting rooms',
      registers,
    }),
    passes: new Counter({
      name: 'livedrops_queue_passes_total',
      help: 'Passes presented with orders, by result: used, refused',
      labelNames: ['result'],
      registers,
    }),
    timeToAdmission: new Histogram({
      name: 'livedrops_queue_time_to_admission_seconds',
      help: "From a drop's start to a user's admission from its waiting room",
      buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600],
      registers,
    }),
  };
}
