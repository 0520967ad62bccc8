import { Redis } from 'ioredis';
import { RedisConnection } from '../../src/redis/redis-connection.js';
import { deleteKeys, REDIS_URL, TcpProxy, testPrefix, useService } from '@livedrops/test-support';

export { REDIS_URL };
const target = new URL(REDIS_URL);

/** Null when Redis answers PING; otherwise why not, in one line. */
export async function probeRedis(): Promise<string | null> {
  const c = new Redis(REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 1_500,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  c.on('error', () => undefined);
  try {
    await c.connect();
    await c.ping();
    return null;
  } catch (e) {
    return (e as Error).message;
  } finally {
    c.disconnect();
  }
}

const problem = await probeRedis();
/** Whether the Redis suites run (see services.ts). */
export const redisSuites = useService('Redis', problem);

// Every key of this run lives under one prefix, and each test under its own below it.
const RUN = testPrefix('adapters');
let tests = 0;
let admin: Redis | undefined;

function adminClient(): Redis {
  if (!admin) {
    admin = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    admin.on('error', () => undefined);
  }
  return admin;
}

after(async () => {
  if (admin) {
    await deleteKeys(RUN).catch(() => undefined);
    admin.disconnect();
  }
});

export interface RedisUnderTest {
  redis: RedisConnection;
  prefix: string;
  /** Redis loses every key of this test, and its script cache (as after a restart). */
  lose(): Promise<void>;
  /** Redis becomes unreachable for this connection until `heal`. */
  cut(): Promise<{ heal(): Promise<void> }>;
  close(): Promise<void>;
}

/**
 * A connection of its own, through a proxy the test can cut, under a fresh key prefix
 * (or `prefix`: a second instance beside another).
 */
export async function redisUnderTest(prefix = `${RUN}${++tests}:`): Promise<RedisUnderTest> {
  if (problem) throw new Error(`Redis is required under CI and not reachable: ${problem}`);
  const proxy = await TcpProxy.to(Number(target.port || 6379), target.hostname);
  const url = new URL(REDIS_URL);
  url.port = String(proxy.port);
  const redis = new RedisConnection({ url: url.toString(), prefix, commandTimeoutMs: 1_000 });
  await redis.open();
  return {
    redis,
    prefix,
    async lose() {
      await deleteKeys(prefix);
      await adminClient().script('FLUSH');
    },
    async cut() {
      await proxy.cut();
      return {
        async heal() {
          await proxy.restore();
          // ioredis retries within a second; wait until this connection is back.
          for (let i = 0; i < 100 && redis.client.status !== 'ready'; i++) await new Promise((r) => setTimeout(r, 20));
        },
      };
    },
    async close() {
      await redis.close();
      await proxy.close();
      await deleteKeys(prefix).catch(() => undefined);
    },
  };
}
