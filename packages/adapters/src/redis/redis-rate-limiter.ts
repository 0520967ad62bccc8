import type { RateLimiter, RateRule } from '@livedrops/core';
import { LuaScript, type RedisConnection } from './redis-connection.js';

/** The first hit of a window starts its clock; later hits only count. */
const HIT = new LuaScript(`
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`);

/** → milliseconds until the window ends when it is full, else 0. */
const WAIT = new LuaScript(`
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n < tonumber(ARGV[1]) then return 0 end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then return 0 end
return ttl`);

/**
 * Fixed-window counters shared by every instance (failed logins per handle), on Redis's
 * clock: a window is a key that expires. Losing Redis's data resets the windows, which
 * errs towards letting someone try again, never towards locking them out.
 */
export class RedisRateLimiter implements RateLimiter {
  constructor(private readonly redis: RedisConnection) {}

  private key(key: string): string {
    return this.redis.key(`rl:${key}`);
  }

  async retryAfter(key: string, rule: RateRule): Promise<number> {
    return Number(await WAIT.run(this.redis, [this.key(key)], [rule.limit]));
  }

  async hit(key: string, rule: RateRule): Promise<void> {
    await HIT.run(this.redis, [this.key(key)], [rule.windowMs]);
  }

  async reset(key: string): Promise<void> {
    await this.redis.run((c) => c.del(this.key(key)));
  }
}
