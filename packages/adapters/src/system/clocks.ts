import type { Clock } from '@livedrops/core';

export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }
}

/** A clock tests move by hand. */
export class FakeClock implements Clock {
  constructor(private t = Date.UTC(2026, 10, 21, 12, 0, 0)) {}
  now(): number {
    return this.t;
  }
  set(ms: number): void {
    this.t = ms;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}
