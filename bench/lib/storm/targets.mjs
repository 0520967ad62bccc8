// bench/storm's systems under test, each one or more processes on loopback ports.
import { createRequire } from 'node:module';
import { CLI, openPort, ROOT, spawnServer } from '../harness.mjs';

const require = createRequire(`${ROOT}packages/adapters/package.json`);
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const AMQP_URL = process.env.BENCH_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

async function group(list) {
  return {
    urls: list.map((s) => s.url),
    pids: list.map((s) => s.child.pid),
    cpu: () => list.reduce((sum, s) => sum + s.cpu().all, 0),
    stop: () => Promise.all(list.map((s) => s.stop())),
  };
}

export async function rawHttp() {
  const port = await openPort();
  return group([await spawnServer([`${ROOT}bench/raw-http-server.mjs`, String(port)], { port })]);
}

/** The queue-only baseline; `stock(dropId, n)` sets what its Lua reserve hands out. */
export async function queueOnly(tag) {
  const port = await openPort();
  const prefix = `bench-storm-q-${tag}:`;
  const g = await group([await spawnServer([`${ROOT}bench/queue-only-server.mjs`, String(port), prefix], { port })]);
  const Redis = require('ioredis');
  const redis = new Redis(REDIS_URL, { keyPrefix: prefix });
  return {
    ...g,
    stock: (dropId, n) => redis.set(`stock:${dropId}`, n),
    stop: async () => {
      await g.stop();
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys.map((k) => k.slice(prefix.length)));
      redis.disconnect();
    },
  };
}

/** `livedrops serve` on `databaseUrl`; `instances` processes sharing one Redis prefix and exchange. */
export async function livedrops(databaseUrl, { instances = 1, services = false, tag }) {
  const extra = services ? ['--redis-url', REDIS_URL, '--amqp-url', AMQP_URL] : [];
  const env = { REDIS_PREFIX: `bench-storm-${tag}:`, AMQP_EXCHANGE: `bench.storm.${tag}` };
  const list = [];
  for (let i = 0; i < instances; i++) {
    const port = await openPort();
    // STORM_NODE_FLAGS, e.g. "--cpu-prof --cpu-prof-dir /tmp/prof": node flags for each instance.
    const flags = process.env.STORM_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
    list.push(await spawnServer([...flags, CLI, 'serve', '--port', String(port), '--database-url', databaseUrl, '--log-level', 'warn', ...extra], { port, env }));
  }
  const g = await group(list);
  if (!services) return g;
  return {
    ...g,
    stop: async () => {
      await g.stop();
      const Redis = require('ioredis');
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${env.REDIS_PREFIX}*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    },
  };
}
