/**
 * Seeded randomness. Every random choice the simulator makes (arrivals, buyers, quantities,
 * double taps, retry jitter) comes from here, so `--seed` replays the same workload. Each
 * purpose (and each intent) gets its own stream derived from the seed: the order in which
 * async work happens to ask for numbers then cannot change what any one of them gets.
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A derived, independent stream: same seed and label → same numbers. */
  static derive(seed: number, label: string | number): Prng {
    let h = (seed ^ 0x9e3779b9) >>> 0;
    for (const ch of String(label)) h = Math.imul(h ^ ch.charCodeAt(0), 0x85ebca6b) >>> 0;
    return new Prng(mix(h));
  }

  /** mulberry32: tiny, fast and good enough for workload choices (not for secrets). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }

  /** Exponential gap with the given mean: Poisson arrivals. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** Full jitter (AWS "Exponential Backoff and Jitter"): uniform in [0, min(cap, base·2^attempt)]. */
  backoff(attempt: number, baseMs: number, capMs: number): number {
    return this.next() * Math.min(capMs, baseMs * 2 ** attempt);
  }

  /** Index drawn with weight 1/(i+1)^s: a few hot items, a long tail (Zipf). */
  zipf(n: number, s = 1): number {
    let total = 0;
    for (let i = 0; i < n; i++) total += 1 / (i + 1) ** s;
    let r = this.next() * total;
    for (let i = 0; i < n; i++) {
      r -= 1 / (i + 1) ** s;
      if (r <= 0) return i;
    }
    return n - 1;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}

function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
