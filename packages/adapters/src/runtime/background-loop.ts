/**
 * A background job that runs `step` every `intervalMs`, and sooner when nudged, never two
 * steps at once. Nudges that arrive while a step runs coalesce into one more step, so a
 * burst of commits costs one extra pass, not one per commit. Timers are unref'd: a loop
 * never keeps the process alive, and `stop()` waits for the running step. A step that says it
 * found nothing to do (`false`) doubles the wait before the next, up to `idleMaxMs`; a nudge or
 * a step that did something brings it back to `intervalMs`.
 */
export class BackgroundLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private kickQueued = false;
  private state: 'idle' | 'paused' | 'running' | 'stopped' = 'idle';
  private waitMs: number;

  constructor(
    private readonly step: () => Promise<unknown>,
    private readonly intervalMs: number,
    private readonly onError: (err: unknown) => void,
    private readonly idleMaxMs = intervalMs,
  ) {
    this.waitMs = intervalMs;
  }

  /** Begins looping after `delayMs`; nudges before then are ignored (the loop is paused). */
  start(delayMs = 0): void {
    if (this.state !== 'idle') return;
    this.state = 'paused';
    this.arm(delayMs);
  }

  /** Asks for a step soon (next turn of the event loop), e.g. right after a commit. */
  nudge(): void {
    if (this.state !== 'running') return;
    this.waitMs = this.intervalMs;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.kickQueued) return;
    this.kickQueued = true;
    // setImmediate, not now: commits of one group-commit batch resolve together and share a step.
    setImmediate(() => {
      this.kickQueued = false;
      this.kick();
    }).unref();
  }

  async stop(): Promise<void> {
    this.state = 'stopped';
    clearTimeout(this.timer);
    await this.running;
  }

  private arm(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.state === 'paused') this.state = 'running';
      this.kick();
    }, ms);
    this.timer.unref();
  }

  private kick(): void {
    if (this.state !== 'running') return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.loop().finally(() => {
      this.running = undefined;
      if (this.state === 'running') this.arm(this.waitMs);
    });
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        const busy = await this.step();
        this.waitMs = busy === false ? Math.min(this.waitMs * 2, this.idleMaxMs) : this.intervalMs;
      } catch (err) {
        this.onError(err);
        return; // back off until the next interval rather than spinning on a failure
      }
    } while (this.again && this.state === 'running');
  }
}
