import { InProcessReadCache } from '../src/cache/in-process-read-cache.js';
import { OPEN_GATE, SoldOutMemo } from '@livedrops/core';
import { MemoryIdempotencyLock } from '../src/memory/memory-lock.js';
import { MemoryRateLimiter } from '../src/memory/memory-rate-limiter.js';
import { RedisIdempotencyLock } from '../src/redis/redis-idempotency-lock.js';
import { RedisRateLimiter } from '../src/redis/redis-rate-limiter.js';
import { RedisReadCache } from '../src/redis/redis-read-cache.js';
import { SystemClock } from '../src/system/clocks.js';
import type { CacheCapabilities, CacheUnderTest } from '../src/testing/contracts/read-cache.contract.js';
import type { GateCapabilities, GateUnderTest } from '../src/testing/contracts/stock-gate.contract.js';
import type { LockUnderTest } from '../src/testing/contracts/idempotency-lock.contract.js';
import type { LimiterUnderTest } from '../src/testing/contracts/rate-limiter.contract.js';
import { redisSuites, redisUnderTest } from './services/redis-test.js';

/** One adapter of a port that has no storage engine behind it (cache, gate, locks, limits, bus). */
export interface Named<T> {
  name: string;
  make: () => Promise<T>;
}

export function cacheAdapters(): Array<Named<CacheUnderTest> & { caps: CacheCapabilities }> {
  return [
    {
      name: 'in-process cache',
      caps: {}, // it cannot lose its data apart from the process, nor be cut off from it
      make: async () => ({ cache: new InProcessReadCache(new SystemClock()), close: async () => undefined }),
    },
    ...only(redisSuites, {
      name: 'redis cache',
      caps: { lose: true, cut: true },
      async make() {
        const r = await redisUnderTest();
        // A short pending window, so the "lost its data" case ends within the test. A new
        // prefix is a new incarnation, which stores nothing for that long: wait it out.
        const cache = new RedisReadCache(r.redis, { ttlMs: 60_000, pendingMs: 150 });
        await cache.read('warm-up', async () => null);
        await new Promise((res) => setTimeout(res, 160));
        return { cache, lose: r.lose, cut: r.cut, close: r.close };
      },
    }),
  ];
}

type GateFactory = (load: (dropId: string) => Promise<number | null>) => Promise<GateUnderTest>;

type GateAdapter = { name: string; caps: GateCapabilities; make: GateFactory };

export function gateAdapters(): GateAdapter[] {
  return [
    {
      name: 'open gate (pass-through)',
      caps: { turnsAway: false },
      make: async () => ({ gate: OPEN_GATE, close: async () => undefined }),
    },
    {
      name: 'sold-out memo',
      caps: { turnsAway: true },
      make: async () => ({ gate: new SoldOutMemo(new SystemClock()), close: async () => undefined }),
    },
  ];
}

export function lockAdapters(): Array<Named<LockUnderTest>> {
  return [
    {
      name: 'memory lock',
      make: async () => {
        const lock = new MemoryIdempotencyLock(new SystemClock());
        return { a: lock, b: lock, close: async () => undefined };
      },
    },
    ...only(redisSuites, {
      name: 'redis lock',
      async make() {
        // Two connections under one prefix: two instances.
        const r1 = await redisUnderTest();
        const r2 = await redisUnderTest(r1.prefix);
        const close = async () => void (await Promise.all([r1.close(), r2.close()]));
        return { a: new RedisIdempotencyLock(r1.redis), b: new RedisIdempotencyLock(r2.redis), close };
      },
    }),
  ];
}

export function limiterAdapters(): Array<Named<LimiterUnderTest>> {
  return [
    {
      name: 'memory rate limiter',
      make: async () => {
        const limiter = new MemoryRateLimiter(new SystemClock());
        return { a: limiter, b: limiter, close: async () => undefined };
      },
    },
    ...only(redisSuites, {
      name: 'redis rate limiter',
      async make() {
        const r = await redisUnderTest();
        return { a: new RedisRateLimiter(r.redis), b: new RedisRateLimiter(r.redis), close: r.close };
      },
    }),
  ];
}

function only<T>(when: boolean, item: T): T[] {
  return when ? [item] : [];
}

export { expectDeclared, when } from '../src/testing/harness.js';
