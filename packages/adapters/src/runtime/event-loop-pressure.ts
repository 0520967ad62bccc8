import type { Pressure } from '@livedrops/core';

/**
 * Pressure as this process's event loop shows it: a timer that fires `lagMs` or more late
 * means requests are waiting behind other work, and the pressure stays high for `holdMs`
 * after (a start's burst of joins keeps it high for its length). The sampling timer starts
 * with the first question, is unref'd, and stops with `stop()`.
 */
export class EventLoopPressure implements Pressure {
  private timer: NodeJS.Timeout | undefined;
  private highUntil = 0;

  constructor(
    private readonly lagMs = 50,
    private readonly holdMs = 1_000,
    private readonly everyMs = 20,
  ) {}

  high(): boolean {
    if (!this.timer) this.start();
    return performance.now() < this.highUntil;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private start(): void {
    let due = performance.now() + this.everyMs;
    this.timer = setInterval(() => {
      const now = performance.now();
      if (now - due >= this.lagMs) this.highUntil = now + this.holdMs;
      due = now + this.everyMs;
    }, this.everyMs).unref();
  }
}
