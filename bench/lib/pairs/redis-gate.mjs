// Redis rows: redis-benchmark running the gate's own Lua script with EVALSHA (the floor:
// C client, 50 connections), beside RedisStockGate.enter/leave from Node, 50 in flight.
import { REDIS_URL, has, run } from './services.mjs';
import { inFlightFor } from './stock-common.mjs';

const CLIENTS = 50;
const DIST = '../../../packages/adapters/dist/src/';

/** The gate and its connection: from the package's exports, else from its build (the bench may look inside). */
async function gateModules() {
  const index = await import(`${DIST}index.js`);
  if (index.RedisStockGate && index.RedisConnection) return index;
  try {
    return { ...(await import(`${DIST}redis/redis-stock-gate.js`)), ...(await import(`${DIST}redis/redis-connection.js`)) };
  } catch {
    return null;
  }
}

export async function redisPairs({ duration }) {
  const row = { group: 'Redis', baseline: `redis-benchmark EVALSHA of the gate script, ${CLIENTS} clients`, subject: `RedisStockGate enter + leave (${CLIENTS} in flight)`, unit: 'ops/s' };
  const adapters = await gateModules();
  if (!adapters) return [{ ...row, na: 'n/a (not built yet)' }];
  if (!has('redis-benchmark') || !has('redis-cli')) return [{ ...row, na: 'n/a (redis-benchmark not installed)' }];
  const u = new URL(REDIS_URL);
  const cli = ['-h', u.hostname, '-p', u.port || '6379'];
  try {
    run('redis-cli', [...cli, 'PING']);
  } catch (e) {
    return [{ ...row, na: `n/a (Redis not reachable: ${e.message})` }];
  }
  const prefix = `bench:${process.pid}:`;
  const conn = new adapters.RedisConnection({ url: REDIS_URL, prefix });
  await conn.open();
  try {
    const gate = new adapters.RedisStockGate(conn, async () => 1e12);
    const ours = await inFlightFor(CLIENTS, duration, async () => {
      const pass = await gate.enter('hot', 1);
      await pass.leave({ ok: true, sold: 1, total: 1e12 });
    });
    // The same script the gate runs (its ENTER), on a counter that never runs out.
    const { ENTER } = await import(`${DIST}redis/stock-gate.lua.js`);
    const sha = run('redis-cli', [...cli, 'SCRIPT', 'LOAD', ENTER.lua]).trim();
    const key = `${prefix}raw`;
    run('redis-cli', [...cli, 'SET', key, '1000000000000']);
    const n = String(Math.max(100_000, Math.round(ours.rate * duration * 2)));
    const out = run('redis-benchmark', [...cli, '-q', '-c', String(CLIENTS), '-n', n, 'EVALSHA', sha, '2', key, `${key}:probe`, '1', '200']);
    const rps = Number(/([\d.]+) requests per second/.exec(out)?.[1]);
    return [{ ...row, baselineOps: rps, ops: ours.rate, p99: ours.p99 }];
  } finally {
    const keys = run('redis-cli', [...cli, '--scan', '--pattern', `${prefix}*`]).split('\n').filter(Boolean);
    if (keys.length) run('redis-cli', [...cli, 'DEL', ...keys]);
    await conn.close();
  }
}
