import type { Clock, HeldLock, IdempotencyLock } from '@livedrops/core';

/** In-flight markers for one process; a TTL frees a scope whose holder never released it. */
export class MemoryIdempotencyLock implements IdempotencyLock {
  /** scope → the current holder's marker (its identity is the token). */
  private held = new Map<string, { until: number }>();

  constructor(private readonly clock: Clock) {}

  async acquire(scope: string, ttlMs: number): Promise<HeldLock | null> {
    const now = this.clock.now();
    const current = this.held.get(scope);
    if (current !== undefined && current.until > now) return null;
    const mine = { until: now + ttlMs };
    this.held.set(scope, mine);
    return {
      release: async () => {
        // Only our own marker: after our TTL ran out the scope may be someone else's.
        if (this.held.get(scope) === mine) this.held.delete(scope);
      },
    };
  }
}
