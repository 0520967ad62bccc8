import { randomBytes } from 'node:crypto';
import type { HeldLock, IdempotencyLock } from '@livedrops/core';
import { LuaScript, type RedisConnection } from './redis-connection.js';

/** Deletes the lock only if it still holds our token: never another holder's after our TTL ran out. */
const RELEASE = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`);

/**
 * In-flight markers shared by every instance: SET NX PX with a random token, released by
 * compare-and-delete. A duplicate request on another instance answers 409 while the first
 * runs. If Redis loses the marker (restart) a duplicate may run side by side; the
 * idempotency record's primary key still lets only one of them commit.
 */
export class RedisIdempotencyLock implements IdempotencyLock {
  constructor(private readonly redis: RedisConnection) {}

  private key(scope: string): string {
    return this.redis.key(`lock:${scope}`);
  }

  async acquire(scope: string, ttlMs: number): Promise<HeldLock | null> {
    const key = this.key(scope);
    const token = randomBytes(12).toString('base64url');
    const ok = await this.redis.run((c) => c.set(key, token, 'PX', ttlMs, 'NX'));
    if (ok !== 'OK') return null;
    return {
      // Best effort: a marker we fail to delete expires with its TTL.
      release: async () => void (await RELEASE.run(this.redis, [key], [token]).catch(() => undefined)),
    };
  }
}
