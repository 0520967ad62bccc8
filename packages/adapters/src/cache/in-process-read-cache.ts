import { readPairInTurn, type Clock, type Linked, type ReadCache } from '@livedrops/core';
import { mergeFloors, type CacheObserver } from './cache-observer.js';

interface Entry {
  doc?: object | undefined;
  loadedAt: number;
  /** Changes whenever a write begins or ends: a fill carries the version it started from. */
  v: number;
  floors: Map<string, number>;
  /** Raises whose transaction has not said yet whether it committed. */
  raises: Map<number, { field: string; value: number }>;
  writes: number;
}

export interface InProcessCacheOptions {
  maxEntries: number;
  /**
   * How long a document is served before it is loaded again. Writes through this process
   * invalidate at once; the TTL bounds how long a write by another process on the same
   * database file (`livedrops seed`) goes unseen.
   */
  ttlMs: number;
}

export const DEFAULT_IN_PROCESS_CACHE: InProcessCacheOptions = { maxEntries: 10_000, ttlMs: 2_000 };

/**
 * The embedded profile's ReadCache: a bounded LRU map in this process. The same protocol
 * as the Redis one, minus what only a remote cache needs (no epoch, no expiring
 * markers: this cache dies with the process that writes through it).
 */
export class InProcessReadCache implements ReadCache {
  private readonly entries = new Map<string, Entry>();
  private version = 0;
  /** The version an absent key has; moves on every eviction, so no fill outlives one. */
  private absent = 0;
  private tokens = 0;

  constructor(
    private readonly clock: Clock,
    private readonly opts: InProcessCacheOptions = DEFAULT_IN_PROCESS_CACHE,
    private readonly observe: CacheObserver = () => undefined,
  ) {}

  async read<T extends object>(key: string, load: () => Promise<T | null>): Promise<T | null> {
    const e = this.entries.get(key);
    if (e?.doc && this.clock.now() - e.loadedAt < this.opts.ttlMs) {
      this.entries.delete(key);
      this.entries.set(key, e); // most recently used last
      this.observe(key, true);
      return this.view(e.doc as T, e);
    }
    this.observe(key, false);
    const token = e ? e.v : this.absent;
    const writing = (e?.writes ?? 0) > 0;
    const doc = await load();
    if (doc === null) return null;
    const now = this.entries.get(key);
    if (!writing && (now ? now.v : this.absent) === token && (now?.writes ?? 0) === 0) {
      const entry = now ?? this.create(key, token);
      entry.doc = { ...doc }; // every cached document is flat: a shallow copy is a full one
      entry.loadedAt = this.clock.now();
    }
    return this.view(doc, this.entries.get(key));
  }

  readPair<T extends object, U extends object>(
    key: string,
    load: () => Promise<T | null>,
    next: (doc: T) => Linked<U>,
  ): Promise<[T | null, U | null]> {
    return readPairInTurn(this, key, load, next);
  }

  async write<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const pinned = keys.map((k) => this.entries.get(k) ?? this.create(k, this.absent));
    for (const e of pinned) {
      e.writes++;
      e.v = ++this.version;
      e.doc = undefined;
    }
    try {
      return await work();
    } finally {
      for (const e of pinned) {
        e.writes--;
        e.v = ++this.version;
      }
    }
  }

  /**
   * An unknown outcome (the unit of work failed) drops the document instead: the embedded
   * engines have settled by the time the failure is reported, so the next read reloads it.
   */
  async raise(key: string, field: string, value: number): Promise<(committed: boolean | undefined) => Promise<void>> {
    const e = this.entries.get(key) ?? this.create(key, this.absent);
    const token = ++this.tokens;
    e.raises.set(token, { field, value });
    return async (committed) => {
      if (committed && value > (e.floors.get(field) ?? -Infinity)) e.floors.set(field, value);
      if (committed === undefined) {
        e.doc = undefined;
        e.v = ++this.version;
      }
      e.raises.delete(token);
    };
  }

  private view<T extends object>(doc: T, e: Entry | undefined): T {
    const out = { ...doc };
    if (!e) return out;
    mergeFloors(out, e.floors);
    for (const r of e.raises.values()) mergeFloors(out, [[r.field, r.value]]);
    return out;
  }

  private create(key: string, v: number): Entry {
    const e: Entry = { loadedAt: 0, v, floors: new Map(), raises: new Map(), writes: 0 };
    this.entries.set(key, e);
    if (this.entries.size > this.opts.maxEntries) this.evictOne();
    return e;
  }

  /** Drops the least recently used entry that no write or raise is holding. */
  private evictOne(): void {
    for (const [key, e] of this.entries) {
      if (e.writes > 0 || e.raises.size > 0) continue;
      this.entries.delete(key);
      this.absent = ++this.version;
      return;
    }
  }
}
