import { randomBytes } from 'node:crypto';
import type { Linked, ReadCache } from '@livedrops/core';
import { mergeFloors, type CacheObserver } from '../cache/cache-observer.js';
import { FILL, RAISE, READ, SETTLE, WRITE_BEGIN, WRITE_END } from './read-cache.lua.js';
import type { RedisConnection } from './redis-connection.js';

export interface RedisCacheOptions {
  /** How long an untouched document stays (the bound on memory; writes keep it fresh meanwhile). */
  ttlMs: number;
  /**
   * How long a raise or a write is taken as in progress when its end never arrives (Redis
   * went away in between, or the process died). It must outlast any transaction: after
   * it, a read loads from the database and trusts what it finds.
   */
  pendingMs: number;
}

export const DEFAULT_REDIS_CACHE: RedisCacheOptions = { ttlMs: 300_000, pendingMs: 10_000 };

/** One entry as READ sees it: hit, then the doc or a fill token (or ''), then the floors. */
type Look = [0 | 1, string, string[]];

const pairs = (flat: string[]): Array<[string, number]> => {
  const out: Array<[string, number]> = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i]!, Number(flat[i + 1])]);
  return out;
};

/**
 * The production ReadCache, shared by every instance (see read-cache.lua.ts for the
 * layout). A read that misses gets a token naming the version it saw; its fill lands only
 * if no write began since, so a read that loaded before a write can never store what it
 * loaded after the write was acknowledged. When Redis is down, reads go to the database
 * and store nothing, while writes and raises fail (UnavailableError) before they happen.
 */
export class RedisReadCache implements ReadCache {
  private readonly meta: string;

  constructor(
    private readonly redis: RedisConnection,
    private readonly opts: RedisCacheOptions = DEFAULT_REDIS_CACHE,
    private readonly observe: CacheObserver = () => undefined,
  ) {
    this.meta = redis.key('c:meta');
  }

  private entry(key: string): string {
    return this.redis.key(`c:${key}`);
  }

  async read<T extends object>(key: string, load: () => Promise<T | null>): Promise<T | null> {
    const looks = await this.look(key);
    return looks ? this.settle(key, looks[0]!, load) : this.fallback(key, load);
  }

  async readPair<T extends object, U extends object>(
    key: string,
    load: () => Promise<T | null>,
    next: (doc: T) => Linked<U>,
  ): Promise<[T | null, U | null]> {
    const looks = await this.look(key);
    if (!looks) {
      const first = await this.fallback(key, load);
      return [first, first && (await this.fallback(next(first).key, next(first).load))];
    }
    let link: Linked<U> | undefined;
    const first = await this.settle(key, looks[0]!, load, (doc) => (link = next(doc)).key);
    if (!first) return [null, null];
    link ??= next(first);
    // The entry named its link, and READ brought it along: no second round trip.
    const second = looks[1] ? await this.settle(link.key, looks[1], link.load) : await this.read(link.key, link.load);
    return [first, second];
  }

  /** READ on `key` (and its link); null when Redis cannot be asked. */
  private async look(key: string): Promise<Look[] | null> {
    try {
      return (await READ.run(
        this.redis,
        [this.meta, this.entry(key)],
        [this.opts.pendingMs, this.redis.key('c:')],
      )) as Look[];
    } catch {
      return null;
    }
  }

  /** Redis down: the database answers, and nothing is stored. */
  private fallback<T extends object>(key: string, load: () => Promise<T | null>): Promise<T | null> {
    this.observe(key, false);
    return load();
  }

  /** A looked-at entry: its document, else a load (stored when the token allows), with the floors applied. */
  private async settle<T extends object>(
    key: string,
    [hit, payload, floors]: Look,
    load: () => Promise<T | null>,
    linkOf?: (doc: T) => string,
  ): Promise<T | null> {
    this.observe(key, hit === 1);
    const doc = hit === 1 ? (JSON.parse(payload) as T) : await load();
    if (doc === null) return null;
    if (hit === 0 && payload !== '') {
      const args = [payload, JSON.stringify(doc), this.opts.ttlMs, linkOf ? linkOf(doc) : ''];
      await FILL.run(this.redis, [this.entry(key), this.meta], args).catch(() => undefined);
    }
    mergeFloors(doc, pairs(floors));
    return doc;
  }

  async write<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const token = randomBytes(9).toString('base64url');
    const entries = [...keys.map((k) => this.entry(k)), this.meta];
    await WRITE_BEGIN.run(this.redis, entries, [token, this.opts.pendingMs, this.opts.ttlMs]);
    try {
      return await work();
    } finally {
      // Best effort: if it fails, the marker expires after pendingMs and reads resume storing.
      await WRITE_END.run(this.redis, entries, [token, this.opts.ttlMs]).catch(() => undefined);
    }
  }

  /** Whether Redis is connected now (no round trip): a write about to happen can be refused first. */
  ready(): boolean {
    return this.redis.client.status === 'ready';
  }

  /** Raises a committed counter's floor in one round trip (a raise settled at once). */
  async floor(key: string, field: string, value: number): Promise<void> {
    await SETTLE.run(this.redis, [this.entry(key)], ['-', 1, field, value, this.opts.ttlMs]);
  }

  async raise(key: string, field: string, value: number): Promise<(committed: boolean | undefined) => Promise<void>> {
    const token = randomBytes(9).toString('base64url');
    const entry = this.entry(key);
    await RAISE.run(this.redis, [entry], [token, field, value, this.opts.pendingMs, this.opts.ttlMs]);
    return async (committed) => {
      // Unknown: the raise stays until it expires, and reads then reload from the database.
      if (committed !== undefined)
        await SETTLE.run(this.redis, [entry], [token, committed ? 1 : 0, field, value, this.opts.ttlMs]);
    };
  }
}
