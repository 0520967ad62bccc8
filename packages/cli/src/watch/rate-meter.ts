/**
 * Sales per second from successive `available` readings: units that left between the oldest
 * reading still inside the window and the newest, over the time between them. A window of a
 * few seconds smooths the 500 ms polling jitter without hiding a rush that just began.
 */
export class RateMeter {
  private readonly samples: { at: number; available: number }[] = [];

  constructor(private readonly windowMs = 3000) {}

  add(at: number, available: number): void {
    this.samples.push({ at, available });
    while (this.samples.length > 2 && at - this.samples[1]!.at >= this.windowMs) this.samples.shift();
  }

  /** Units sold per second; 0 until there are two readings. */
  perSecond(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.at <= first.at) return 0;
    return Math.max(0, first.available - last.available) / ((last.at - first.at) / 1000);
  }
}
