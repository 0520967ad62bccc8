import type { SimOptions } from '../options.js';
import { Prng } from '../prng.js';

/** One buyer's decision to buy: everything about it is fixed by the seed and its index. */
export interface Intent {
  index: number;
  user: number;
  drop: number;
  quantity: number;
  /** 2: a double tap, the second request `tapGapMs` after the first. */
  taps: number;
  tapGapMs: number;
}

export type ReadKind = 'read-drop' | 'list-drops' | 'read-product' | 'read-creator';

export interface Read {
  index: number;
  kind: ReadKind;
  drop: number;
}

/** Arrival offsets (ms from the start of the load) at `rate` per second over `durationMs`. */
export function arrivals(
  seed: number,
  label: string,
  rate: number,
  durationMs: number,
  kind: SimOptions['arrivals'],
): number[] {
  if (rate <= 0) return [];
  const rng = Prng.derive(seed, label);
  const mean = 1000 / rate;
  const out: number[] = [];
  if (kind === 'even') {
    for (let i = 0; i * mean < durationMs; i++) out.push(i * mean);
    return out;
  }
  for (let t = rng.exponential(mean); t < durationMs; t += rng.exponential(mean)) out.push(t);
  return out;
}

/**
 * The workload as pure functions of the seed. `startOffsets[d]` is when drop d starts,
 * relative to the load's start: an intent only targets drops already started when it is due
 * (popular ones more often: Zipf over them), like buyers reacting to `drop.started`.
 */
export class Workload {
  private readonly buyerOrder: number[];

  constructor(
    private readonly o: SimOptions,
    private readonly startOffsets: number[],
  ) {
    // Each buyer in turn, in a seeded order: with 10× as many buyers as units, everyone tries once.
    this.buyerOrder = Prng.derive(o.seed, 'buyers').shuffle(Array.from({ length: o.buyers }, (_, i) => i));
  }

  intent(index: number, dueMs: number): Intent {
    const rng = Prng.derive(this.o.seed, `intent:${index}`);
    const live = this.startOffsets
      .map((s, d) => [s, d] as const)
      .filter(([s]) => s <= dueMs)
      .map(([, d]) => d);
    const pool = live.length > 0 ? live : [this.firstDrop()];
    const drop = pool[rng.zipf(pool.length, 0.8)]!;
    const taps = rng.chance(this.o.doubleTap) ? 2 : 1;
    return {
      index,
      user: this.buyerOrder[index % this.buyerOrder.length]!,
      drop,
      quantity: rng.int(1, this.o.quantityMax),
      taps,
      tapGapMs: rng.int(0, 30),
    };
  }

  read(index: number): Read {
    const rng = Prng.derive(this.o.seed, `read:${index}`);
    const r = rng.next();
    const kind: ReadKind = r < 0.6 ? 'read-drop' : r < 0.8 ? 'list-drops' : r < 0.9 ? 'read-product' : 'read-creator';
    return { index, kind, drop: rng.zipf(this.startOffsets.length, 0.8) };
  }

  private firstDrop(): number {
    let best = 0;
    this.startOffsets.forEach((s, d) => s < this.startOffsets[best]! && (best = d));
    return best;
  }
}
