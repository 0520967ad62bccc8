import {
  cacheKeys,
  createUseCases,
  DEFAULT_POLICY,
  withReadCache,
  type AdmitTuning,
  type Drop,
  type Ports,
  type UseCases,
} from '@livedrops/core';
import type { RedisReadCache } from '../../src/redis/redis-read-cache.js';
import { SandboxGateway } from '../../src/payments/sandbox-gateway.js';
import type { Harness } from '../harness.js';
import { systemPorts } from '../../src/testing/system-ports.js';

/** A seeded coin (mulberry32), so pm_card_flaky fails the same calls on every run. */
export function coin(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The checkout use cases over one engine, wired as the container wires them: the engine's own
 * order book where it has one (flooring the cache's `drawn`), the sandbox over its ledger, and
 * optionally the Redis read cache in front.
 */
export function checkoutUseCases(
  h: Harness,
  o: { cache?: RedisReadCache; seed?: number; pressure?: Ports['pressure']; admitTuning?: Partial<AdmitTuning> } = {},
): { uc: UseCases; ports: Ports } {
  const cache = o.cache;
  const floors = cache && {
    ready: () => cache.ready(),
    floor: (id: string, drawn: number) => cache.floor(cacheKeys.drop(id), 'drawn', drawn),
  };
  const bare: Ports = {
    ...h.ports,
    ...systemPorts(h.clock),
    gateway: new SandboxGateway(h.ports.sandboxLedger, { slowMs: 20, random: coin(o.seed ?? 7) }),
    book: h.ports.orderBook?.({ celebrityFollowers: 10_000, cache: floors }),
    pressure: o.pressure,
  };
  const ports = cache ? withReadCache(bare, cache) : bare;
  return {
    uc: createUseCases(ports, DEFAULT_POLICY, {
      payTuning: { attempts: 4, backoffMs: 1, leaseMs: 60_000 },
      admitTuning: o.admitTuning,
    }),
    ports,
  };
}

export interface Tally {
  held: number;
  confirmed: number;
  expired: number;
  cancelled: number;
}

/** Units by order status, from the order rows. */
export async function unitsByStatus(h: Harness, dropId: string): Promise<Tally> {
  const t: Tally = { held: 0, confirmed: 0, expired: 0, cancelled: 0 };
  for (const o of await h.raw.orders(dropId)) t[o.status as keyof Tally] += o.quantity;
  return t;
}

/** What a read through the ports shows (through the cache when there is one). */
export async function shown(ports: Ports, dropId: string): Promise<Drop> {
  return (await ports.drops.findById(dropId))!;
}
