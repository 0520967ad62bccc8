import type { SimOptions } from '../../src/index.js';

/** Parameters small enough for a test run of a few seconds, on any scenario. */
export const SMALL: Partial<SimOptions> = {
  followers: 40,
  streams: 40,
  buyers: 40,
  inboxSamples: 0,
  stock: 10,
  rate: 150,
  readRate: 50,
  durationMs: 800,
  leadMs: 400,
  settleMs: 3000,
  progress: 'none',
};
