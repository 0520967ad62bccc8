import { RateLimitedError } from '@livedrops/core';

const WINDOW_MS = 60_000;

/**
 * Order requests per user per drop per minute on this instance (ORDER_KEYS_PER_MINUTE):
 * every request may leave an idempotency record behind, so a client spraying fresh keys at
 * a sold-out drop is held back before it reaches the order path. In-process on purpose: a
 * shared counter would add a round trip to every order. One fixed window for every key,
 * cleared whole, so memory never outlives a minute.
 */
export class OrderAttempts {
  private counts = new Map<string, number>();
  private windowStart = Date.now();

  constructor(private readonly perMinute: number) {}

  /** Counts one attempt; throws RateLimitedError (429) past the limit. */
  take(userId: string, dropId: string): void {
    const now = Date.now();
    if (now - this.windowStart >= WINDOW_MS) {
      this.counts = new Map();
      this.windowStart = now;
    }
    const key = `${userId}\n${dropId}`;
    const n = (this.counts.get(key) ?? 0) + 1;
    if (n > this.perMinute) {
      throw new RateLimitedError(Math.max(1, Math.ceil((this.windowStart + WINDOW_MS - now) / 1000)));
    }
    this.counts.set(key, n);
  }
}
