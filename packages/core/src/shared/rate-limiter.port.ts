export interface RateRule {
  limit: number;
  windowMs: number;
}

/**
 * Fixed-window counters keyed by an arbitrary string. In-process on the embedded
 * profile; Redis when several instances must share the count.
 */
export interface RateLimiter {
  /** Milliseconds until `key` may act again under `rule`; 0 when allowed now. */
  retryAfter(key: string, rule: RateRule): Promise<number>;
  /** Counts one event against `key`. */
  hit(key: string, rule: RateRule): Promise<void>;
  reset(key: string): Promise<void>;
}
