/**
 * The server's clock as the simulator sees it: the wall clock, plus whatever a test moved the
 * server's clock forward by (SimOptions.advanceServerClock). Buyers who mean to pay too late
 * wait on it for a hold's deadline, so they act when the server thinks the hold is due.
 */
export class ServerTime {
  private offset = 0;
  private waiters: Array<{ at: number; wake: () => void }> = [];

  now(): number {
    return Date.now() + this.offset;
  }

  /** The server's clock moved forward by `ms`: whoever waited for a time now passed wakes. */
  shifted(ms: number): void {
    this.offset += ms;
    this.check();
  }

  /** Resolves once the server's clock reads `at` or later. */
  until(at: number): Promise<void> {
    if (this.now() >= at) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.check(), at - this.now());
      this.waiters.push({ at, wake: () => (clearTimeout(timer), resolve()) });
    });
  }

  private check(): void {
    const now = this.now();
    const due = this.waiters.filter((w) => w.at <= now);
    this.waiters = this.waiters.filter((w) => w.at > now);
    for (const w of due) w.wake();
  }
}
