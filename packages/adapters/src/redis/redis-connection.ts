import { createHash } from 'node:crypto';
import { UnavailableError } from '@livedrops/core';
import { Redis } from 'ioredis';

export interface RedisSettings {
  url: string;
  /** Every key this process writes starts with it (tests: one per run, deleted afterwards). */
  prefix: string;
  /** A command that has not answered by then fails (503), rather than holding a request. */
  commandTimeoutMs?: number;
  /** PEM of the CA to verify a rediss:// server against (else the system's CAs). */
  ca?: string | undefined;
}

/**
 * One Redis connection per process, shared by the cache, the stock gate, the locks and the
 * rate limits. Commands never queue while it is down (`enableOfflineQueue: false`): they
 * fail at once with UnavailableError, so an order answers 503 having done nothing, and
 * ioredis reconnects with backoff in the background until Redis is back.
 */
export class RedisConnection {
  readonly client: Redis;
  readonly prefix: string;

  constructor(readonly settings: RedisSettings) {
    this.prefix = settings.prefix;
    this.client = new Redis(settings.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: settings.commandTimeoutMs ?? 1_000,
      connectTimeout: 2_000,
      retryStrategy: (attempt) => Math.min(25 * 2 ** attempt, 1_000),
      lazyConnect: true,
      // rediss:// is TLS with the server's certificate checked (name included); a CA file replaces the system's.
      ...(settings.ca !== undefined ? { tls: { ca: settings.ca } } : {}),
      // No auto-pipelining: measured (bench/redis-gate.mjs), it halved the gate's rate here.
    });
    // Without a listener, ioredis reports every failed reconnect as an unhandled error.
    this.client.on('error', () => undefined);
  }

  /** Connects, waiting at most `ms`; a Redis that is down at boot is retried in the background. */
  async open(ms = 2_000): Promise<void> {
    const timeout = new Promise<void>((r) => setTimeout(r, ms).unref());
    await Promise.race([this.client.connect().catch(() => undefined), timeout]);
  }

  key(name: string): string {
    return this.prefix + name;
  }

  /** Runs a command, turning any failure into UnavailableError('redis'). */
  async run<T>(fn: (client: Redis) => Promise<T>): Promise<T> {
    try {
      return await fn(this.client);
    } catch (err) {
      throw new UnavailableError('redis', { cause: err });
    }
  }

  async ping(): Promise<void> {
    await this.run((c) => c.ping());
  }

  /** A second connection in subscriber mode (pub/sub cannot share the command connection). */
  subscriber(): Redis {
    const sub = this.client.duplicate({ enableOfflineQueue: true, lazyConnect: true });
    sub.on('error', () => undefined);
    return sub;
  }

  /** Deletes every key under this prefix (SCAN, never KEYS: the server may be shared). For tests and teardown. */
  async deletePrefixed(): Promise<void> {
    let cursor = '0';
    do {
      const [next, keys] = await this.run((c) => c.scan(cursor, 'MATCH', `${this.prefix}*`, 'COUNT', 500));
      cursor = next;
      if (keys.length) await this.run((c) => c.del(...keys));
    } while (cursor !== '0');
  }

  async close(): Promise<void> {
    this.client.disconnect();
  }
}

/** ioredis's view of a client with commands defined on it (`defineCommand`). */
type Scripted = Redis & Record<string, (numKeys: number, ...keysAndArgs: Array<string | number>) => Promise<unknown>>;

let scripts = 0;

/**
 * A Lua script, run as an ioredis custom command (`defineCommand`): EVALSHA, and EVAL when
 * Redis does not know it (first use, or after a restart emptied its script cache). Measured
 * against a hand-written EVALSHA wrapper in bench/redis-scripts.mjs: the same rate.
 */
export class LuaScript {
  private readonly sha: string;
  private readonly name = `livedropsScript${++scripts}`;

  constructor(private readonly lua: string) {
    this.sha = createHash('sha1').update(lua).digest('hex');
  }

  /** The SHA1 Redis knows the script by (EVALSHA). */
  get hash(): string {
    return this.sha;
  }

  async run(redis: RedisConnection, keys: readonly string[], args: ReadonlyArray<string | number>): Promise<unknown> {
    return redis.run(async (c) => {
      const client = c as Scripted;
      // Defined once per client; the key count goes with each call (scripts take varying keys).
      if (typeof client[this.name] !== 'function') client.defineCommand(this.name, { lua: this.lua });
      return client[this.name]!(keys.length, ...keys, ...args);
    });
  }
}
