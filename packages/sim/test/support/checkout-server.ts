import type { Clock } from '@livedrops/core';
import type { SimOptions } from '../../src/index.js';

/** The server's clock, moved forward by the simulator's `advanceServerClock` instead of waiting out holds. */
export class ShiftedClock implements Clock {
  private offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
  readonly advance = async (ms: number): Promise<void> => {
    this.offset += ms;
  };
}

/** Fast checkout loops, so expiries and owed gateway calls follow the clock within tens of ms. */
export const FAST_CHECKOUT = { tuning: { expiryIntervalMs: 50, settleIntervalMs: 50 } };

/** A checkout run small enough for a test of a few seconds. */
export const SMALL_CHECKOUT: Partial<Omit<SimOptions, 'scenario'>> = {
  buyers: 40,
  waitlisters: 10,
  stock: 20,
  perUserLimit: 2,
  quantityMax: 2,
  rate: 60,
  durationMs: 700,
  leadMs: 300,
  settleMs: 2000,
  progress: 'none',
};
