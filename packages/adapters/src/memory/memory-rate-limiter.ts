import type { Clock, RateLimiter, RateRule } from '@livedrops/core';

/** Fixed windows per key in this process; entries are dropped once their window ends. */
export class MemoryRateLimiter implements RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly clock: Clock) {}

  private current(key: string, rule: RateRule): { start: number; count: number } | undefined {
    const w = this.windows.get(key);
    if (w && this.clock.now() - w.start >= rule.windowMs) {
      this.windows.delete(key);
      return undefined;
    }
    return w;
  }

  async retryAfter(key: string, rule: RateRule): Promise<number> {
    const w = this.current(key, rule);
    return w && w.count >= rule.limit ? w.start + rule.windowMs - this.clock.now() : 0;
  }

  async hit(key: string, rule: RateRule): Promise<void> {
    const w = this.current(key, rule);
    if (w) w.count++;
    else this.windows.set(key, { start: this.clock.now(), count: 1 });
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }
}
