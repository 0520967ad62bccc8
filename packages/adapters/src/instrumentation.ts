/**
 * What the storage adapters report about themselves: how long the stock decision took,
 * how long work waited for the single writer, how often another process held the lock.
 * The HTTP server implements it with Prometheus metrics; adapters only ever call it,
 * so they depend on no metrics library. Calls sit on the order hot path: keep them cheap.
 */
export interface Instrumentation {
  /** Seconds one reserve step (the conditional stock decrement, with the per-user tally) took. */
  stockDecrement(seconds: number): void;
  /** Seconds a unit of work waited for the writer: in the group-commit queue and for BEGIN IMMEDIATE. */
  lockWait(seconds: number): void;
  /** The database answered SQLITE_BUSY: another process held the write lock past busy_timeout. */
  busy(): void;
  /** A cached read (drop, product, creator): whether the cache answered it. Optional: older reporters omit it. */
  cacheRead?(kind: string, hit: boolean): void;
  /** The hot-stock gate's verdict on one order: `held`, `free`, `probe`, `sold_out`, `seeded`. */
  stockGate?(verdict: string): void;
}

/** The default: reports go nowhere. */
export const NO_INSTRUMENTATION: Instrumentation = Object.freeze({
  stockDecrement() {},
  lockWait() {},
  busy() {},
});
