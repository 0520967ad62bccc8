import { randomBytes } from 'node:crypto';
import type { Api } from '../client/api.js';
import type { SimOptions } from '../options.js';
import { Prng } from '../prng.js';
import type { Target } from '../target/embedded.js';
import { bulkSeedUsers } from './bulk-seed.js';

export interface Creator {
  id: string;
  token: string;
  productId: string;
}

export interface PlannedDrop {
  id: string;
  creatorId: string;
  startsAt: number;
  endsAt: number;
  total: number;
}

/**
 * Who is who. Users are numbered: 0..buyers-1 order, 0..streams-1 hold a notification
 * stream, the next `inboxSamples` are followers whose inbox is read back; the first
 * `followers` follow creators. Only acting users' ids and tokens are kept in memory.
 */
export interface World {
  tag: string;
  creators: Creator[];
  drops: PlannedDrop[];
  userIds: string[];
  tokens: string[];
  /** Index range of the inbox samplers. */
  samplers: [from: number, to: number];
  followsOf(i: number): string[];
  seeded: { users: number; via: 'adapters' | 'api'; ms: number };
}

/** How many users act (hold a token), and how many exist. */
export function population(o: SimOptions): { acting: number; total: number; samplersFrom: number } {
  const samplersFrom = Math.max(o.buyers, o.streams);
  const acting = Math.min(samplersFrom + o.inboxSamples, Math.max(o.followers, samplersFrom));
  return { acting, total: Math.max(o.followers, acting), samplersFrom };
}

/** Creator i mod C for everyone, plus now and then another one (deterministic per seed). */
function followGraph(o: SimOptions, creators: string[]): (i: number) => string[] {
  return (i) => {
    if (i >= o.followers) return [];
    const own = creators[i % creators.length]!;
    if (creators.length === 1) return [own];
    const rng = Prng.derive(o.seed, `follow:${i}`);
    return [own, ...creators.filter((c) => c !== own && rng.chance(0.15))];
  };
}

async function pool<T>(n: number, limit: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const out = new Array<T>(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, n) }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await work(i);
      }
    }),
  );
  return out;
}

/** Creators and products over the API; users in bulk through the adapters when the database is ours, else over the API. */
export async function setupWorld(api: Api, target: Target, o: SimOptions, log: (line: string) => void): Promise<World> {
  const tag = `s${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const password = randomBytes(12).toString('base64url');
  const creators = await pool(o.creators, 4, async (c) => {
    const r = await api.register(`${tag}_c${c}`, password, true);
    const product = await api.createProduct(r.token, `Drop item ${c + 1}`, 2500 + c * 100);
    return { id: r.user.id, token: r.token, productId: product.id };
  });
  const followsOf = followGraph(
    o,
    creators.map((c) => c.id),
  );
  const { acting, total, samplersFrom } = population(o);
  const t0 = Date.now();
  let userIds: string[];
  let tokens: string[];
  if (target.databaseUrl) {
    const seeded = await bulkSeedUsers(target.databaseUrl, {
      count: total,
      withTokens: acting,
      tag: `${tag}_u`,
      followsOf,
      progress: (done, all) => (done === all || done % 100_000 === 0) && log(`seeded ${done}/${all} users`),
    });
    ({ ids: userIds, tokens } = seeded);
  } else {
    if (total > 5000)
      log(`registering ${total} users over the API (scrypt each): slow; give --database-url to seed in bulk`);
    const users = await pool(total, 8, async (i) => {
      const r = await api.register(`${tag}_u${i}`, password, false);
      for (const c of followsOf(i)) await api.follow(r.token, c);
      return r;
    });
    userIds = users.slice(0, acting).map((u) => u.user.id);
    tokens = users.slice(0, acting).map((u) => u.token);
  }
  const via = target.databaseUrl ? 'adapters' : 'api';
  return {
    tag,
    creators,
    drops: [],
    userIds,
    tokens,
    samplers: [samplersFrom, acting],
    followsOf,
    seeded: { users: total, via, ms: Date.now() - t0 },
  };
}

/** Creates the drops round-robin over the creators, starting at `firstStart` and spread over `staggerMs`. */
export async function createDrops(api: Api, world: World, o: SimOptions, firstStart: number): Promise<PlannedDrop[]> {
  return pool(o.drops, 4, async (k) => {
    const creator = world.creators[k % world.creators.length]!;
    const startsAt = firstStart + (o.drops > 1 ? Math.round((k * o.staggerMs) / (o.drops - 1)) : 0);
    const endsAt = startsAt + o.durationMs + 10 * 60_000;
    const d = await api.createDrop(creator.token, {
      productId: creator.productId,
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(endsAt).toISOString(),
      stock: o.stock,
      ...(o.perUserLimit !== null && { perUserLimit: o.perUserLimit }),
    });
    return { id: d.id, creatorId: creator.id, startsAt, endsAt, total: o.stock };
  });
}
