import type { GatePass, ReserveResult, StockGate } from '@livedrops/core';
import type { RedisConnection } from './redis-connection.js';
import { ENTER, SEED, SETTLE } from './stock-gate.lua.js';

/** Units available per the database (never a cache), or null when there is no such drop. */
export type AvailableLoader = (dropId: string) => Promise<number | null>;

export interface RedisGateOptions {
  /** A counter is rebuilt from the database this often at the latest (and whenever Redis lost it). */
  ttlMs: number;
  /** While a drop looks sold out, one order per this interval still asks the database. */
  probeMs: number;
}

export const DEFAULT_REDIS_GATE: RedisGateOptions = { ttlMs: 3_600_000, probeMs: 200 };

type Mode = 'held' | 'free' | 'probe';
const MODES: Record<number, Mode | 'sold_out'> = { 0: 'sold_out', 1: 'held', 2: 'free', 3: 'probe' };
const GO: GatePass = { verdict: 'go', leave: async () => undefined };

/** What the database said is left, when its answer says. */
function availableAfter(r: ReserveResult): number | undefined {
  if (r.ok) return r.total - r.sold;
  return r.reason === 'sold_out' || r.reason === 'insufficient_stock' ? r.available : undefined;
}

/**
 * The hot-stock gate: one Lua call (EVALSHA) per order holds the units in Redis before the
 * order's transaction, so once a drop has sold out the losers are answered from Redis.
 * It can be wrong only towards sold out (units held by orders still deciding, or given
 * back late), and every order it lets through is decided by the database. Its count
 * starts from the database and comes back from it whenever Redis loses it, and while a
 * drop looks sold out a probe order now and then asks the database, so a count left too
 * low by a crash is put right.
 */
export class RedisStockGate implements StockGate {
  constructor(
    private readonly redis: RedisConnection,
    private readonly load: AvailableLoader,
    private readonly opts: RedisGateOptions = DEFAULT_REDIS_GATE,
    private readonly observe: (verdict: string) => void = () => undefined,
  ) {}

  async enter(dropId: string, quantity: number): Promise<GatePass> {
    const key = this.redis.key(`gate:${dropId}`);
    const keys = [key, `${key}:probe`];
    let code = (await ENTER.run(this.redis, keys, [quantity, this.opts.probeMs])) as number;
    if (code === -1) {
      const available = await this.load(dropId);
      if (available === null) return GO; // the database will say not_found
      await SEED.run(this.redis, [key], [available, this.opts.ttlMs]);
      this.observe('seeded');
      code = (await ENTER.run(this.redis, keys, [quantity, this.opts.probeMs])) as number;
    }
    const mode = MODES[code];
    if (mode === undefined) return GO; // gone again at once: let the database decide
    this.observe(mode);
    if (mode === 'sold_out') return { verdict: 'sold_out', leave: async () => undefined };
    return { verdict: 'go', leave: (r) => this.leave(key, mode, quantity, r) };
  }

  private async leave(key: string, mode: Mode, quantity: number, r: ReserveResult | undefined): Promise<void> {
    const left = r && availableAfter(r);
    const settle = (delta: number, cap = -1, exact = -1) => SETTLE.run(this.redis, [key], [delta, cap, exact]);
    if (mode === 'probe') {
      if (left !== undefined) await settle(0, -1, left);
    } else if (mode === 'held') {
      if (!r?.ok) await settle(quantity, left ?? -1); // give back what was held; no higher than the database has
    } else if (r?.ok) {
      await settle(-quantity, left ?? -1); // sold without a hold: take it off now
    } else if (left !== undefined) {
      await settle(0, left);
    }
  }
}
