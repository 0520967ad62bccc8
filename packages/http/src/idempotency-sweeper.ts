import type { Clock, IdempotencyStore } from '@livedrops/core';

export interface SweeperTuning {
  /** How long a key is kept: api.md promises at least 24 hours. */
  retentionMs: number;
  /** Time between sweeps. */
  intervalMs: number;
  /** Keys deleted per statement: one chunk holds the database writer only briefly. */
  chunk: number;
  /** Chunks per sweep at most; whatever is left waits for the next sweep. */
  maxChunks: number;
}

// Up to 100,000 keys a minute, 500 at a time: a chunk is a few milliseconds of the writer,
// and a flash sale's worth of keys expires within the hour after its 24 hours.
export const DEFAULT_SWEEPER_TUNING: SweeperTuning = {
  retentionMs: 24 * 60 * 60 * 1000,
  intervalMs: 60 * 1000,
  chunk: 500,
  maxChunks: 200,
};

/**
 * Expires idempotency keys once they are older than the retention: a periodic sweep
 * deleting them oldest first, in chunks, giving the event loop (and the orders queued
 * for the writer) a turn between chunks. Its timer is unref'd: it never keeps the process up.
 */
export class IdempotencySweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;

  constructor(
    private readonly d: { idempotency: IdempotencyStore; clock: Clock },
    private readonly tuning: SweeperTuning = DEFAULT_SWEEPER_TUNING,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => {
      if (!this.running) this.sweep().catch(this.onError);
    }, this.tuning.intervalMs);
    this.timer.unref();
  }

  /** One sweep now; resolves with how many keys it deleted. Concurrent calls share it. */
  sweep(): Promise<number> {
    this.running ??= this.chunks().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Stops the timer and waits for a sweep in progress (it ends after its current chunk). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  private async chunks(): Promise<number> {
    // One cut-off for the whole sweep: keys that expire while it runs wait for the next one.
    const before = this.d.clock.now() - this.tuning.retentionMs;
    let deleted = 0;
    for (let i = 0; i < this.tuning.maxChunks && !this.stopped; i++) {
      const n = await this.d.idempotency.purgeBefore(before, this.tuning.chunk);
      deleted += n;
      if (n < this.tuning.chunk) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return deleted;
  }
}
