import type { QueueLine } from '@livedrops/core';
import { LuaScript, type RedisConnection } from './redis-connection.js';

/** How long a built line is trusted before the admission loop rebuilds it from the record. */
const FRESH_MS = 5_000;

// A sorted set per line, score = place (0, 1, 2 … in line order), and a marker key that says
// it was built: after a Redis restart the marker is gone, so nobody reads an empty set as
// "nobody ahead of you" and the line is rebuilt from the database.
const POSITION = new LuaScript(`
if redis.call('EXISTS', KEYS[2]) == 0 then return -1 end
local r = redis.call('ZRANK', KEYS[1], ARGV[1])
if r then return r + 1 end
return 0`);

// Written under a temporary key and renamed over the line: readers see the old line or the new one.
const REBUILD = new LuaScript(`
redis.call('DEL', KEYS[3])
for i = 1, #ARGV - 1 do redis.call('ZADD', KEYS[3], i - 1, ARGV[i]) end
if #ARGV > 1 then redis.call('RENAME', KEYS[3], KEYS[1]) else redis.call('DEL', KEYS[1]) end
redis.call('SET', KEYS[2], '1', 'PX', ARGV[#ARGV])
return #ARGV - 1`);

// Arrivals after the start go to the back in turn (each rank the highest so far), only onto a
// built line, one already in it keeping its place; answers the last one's place (0: no line
// built), so a join costs one round trip, not two.
const JOIN = new LuaScript(`
if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
local score = 0
if last[2] then score = tonumber(last[2]) + 1 end
for i = 1, #ARGV do
  if redis.call('ZADD', KEYS[1], 'NX', score, ARGV[i]) == 1 then score = score + 1 end
end
return redis.call('ZRANK', KEYS[1], ARGV[#ARGV]) + 1`);

/**
 * Waiting rooms' lines as Redis sorted sets, for position reads that cost one ZRANK however
 * long the line. The database stays the record (admission never reads this); the copy is
 * rebuilt from it every few seconds and whenever it is missing.
 */
export class RedisQueueLine implements QueueLine {
  constructor(private readonly redis: RedisConnection) {}

  private keys(dropId: string): [line: string, built: string, next: string] {
    const base = this.redis.key(`queue:${dropId}`);
    return [base, `${base}:built`, `${base}:next`];
  }

  async position(dropId: string, userId: string): Promise<number | undefined> {
    const [line, built] = this.keys(dropId);
    const r = Number(await POSITION.run(this.redis, [line, built], [userId]));
    return r > 0 ? r : undefined;
  }

  async stale(dropId: string): Promise<boolean> {
    return (await this.redis.run((c) => c.exists(this.keys(dropId)[1]))) === 0;
  }

  async rebuild(dropId: string, waiting: readonly string[]): Promise<void> {
    await REBUILD.run(this.redis, this.keys(dropId), [...waiting, FRESH_MS]);
  }

  async left(dropId: string, userIds: readonly string[]): Promise<void> {
    if (userIds.length) await this.redis.run((c) => c.zrem(this.keys(dropId)[0], ...userIds));
  }

  async joinedAll(dropId: string, userIds: readonly string[]): Promise<void> {
    const [line, built] = this.keys(dropId);
    // Bounded per call: a script holds Redis while it runs.
    for (let i = 0; i < userIds.length; i += 5_000)
      await JOIN.run(this.redis, [line, built], userIds.slice(i, i + 5_000));
  }

  async joined(dropId: string, userId: string, _rank: number): Promise<number | undefined> {
    const [line, built] = this.keys(dropId);
    const r = Number(await JOIN.run(this.redis, [line, built], [userId]));
    return r > 0 ? r : undefined;
  }
}
