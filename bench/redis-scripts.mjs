// bench/redis-scripts: how the server runs its Lua scripts. The project's LuaScript (an ioredis
// custom command, `defineCommand`) against a hand-written EVALSHA call with EVAL on NOSCRIPT,
// the same script and keys, 50 callers in a closed loop; beside redis-benchmark running
// EVALSHA of the same script with 50 clients (no client library at all).
// Usage: node bench/redis-scripts.mjs [--duration 5] [--callers 50]
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fmt, saveResult } from './lib/harness.mjs';
import { REDIS_URL } from './lib/storm/targets.mjs';

const require = createRequire(new URL('../packages/adapters/package.json', import.meta.url));
const { Redis } = require('ioredis');
const { LuaScript, RedisConnection } = await import('../packages/adapters/dist/src/redis/redis-connection.js');
const opt = (name, d) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : d; };
const duration = Number(opt('duration', 5)) * 1000;
const callers = Number(opt('callers', 50));
const prefix = `bench-scripts-${process.pid}:`;
// The shape of the read cache's fill: a compare-and-set on a hash with a TTL.
const LUA = `local v = redis.call('HGET', KEYS[1], 'v')
if v == false or tonumber(v) < tonumber(ARGV[1]) then redis.call('HSET', KEYS[1], 'v', ARGV[1]) end
redis.call('PEXPIRE', KEYS[1], 60000) return v`;

async function closedLoop(call) {
  let n = 0;
  const end = performance.now() + duration;
  await Promise.all(Array.from({ length: callers }, async (_, c) => {
    for (let i = 0; performance.now() < end; i++, n++) await call(`${prefix}k${c % 10}`, i);
  }));
  return n / (duration / 1000);
}

const conn = new RedisConnection({ url: REDIS_URL, prefix });
await conn.open();
const script = new LuaScript(LUA);
const plain = new Redis(REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: true });
await plain.connect();
const handWritten = async (key, i) => {
  try {
    return await plain.evalsha(script.hash, 1, key, i);
  } catch (err) {
    if (!String(err.message).startsWith('NOSCRIPT')) throw err;
    return plain.eval(LUA, 1, key, i);
  }
};
const results = {};
try {
  const url = new URL(REDIS_URL);
  await conn.client.script('LOAD', LUA);
  const out = execFileSync('redis-benchmark', ['-h', url.hostname, '-p', url.port || '6379', '-c', String(callers), '-n', '200000', '-q',
    'EVALSHA', script.hash, '1', `${prefix}rb`, '7'], { encoding: 'utf8' });
  results.redisBenchmark = Number(/([\d.]+) requests per second/.exec(out)?.[1]);
  for (const round of [1, 2]) {
    results[`luaScript${round}`] = await closedLoop((k, i) => script.run(conn, [k], [i]));
    results[`handWritten${round}`] = await closedLoop(handWritten);
  }
} finally {
  await conn.deletePrefixed().catch(() => undefined);
  await conn.close();
  plain.disconnect();
}
const mean = (a, b) => (results[a] + results[b]) / 2;
const base = results.redisBenchmark;
console.log(`\nbench/redis-scripts: ${callers} callers, ${duration / 1000} s each, A B A B`);
console.log(`redis-benchmark EVALSHA: ${fmt(Math.round(base))} calls/s`);
console.log(`LuaScript (defineCommand): ${fmt(Math.round(mean('luaScript1', 'luaScript2')))} calls/s (${fmt(mean('luaScript1', 'luaScript2') / base)})`);
console.log(`hand-written EVALSHA:      ${fmt(Math.round(mean('handWritten1', 'handWritten2')))} calls/s (${fmt(mean('handWritten1', 'handWritten2') / base)})`);
console.log('results:', saveResult('redis-scripts', results));
