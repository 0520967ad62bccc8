import { readFileSync } from 'node:fs';
import { TOKENS, type EventBus, type QueueLine } from '@livedrops/core';
import { ContainerModule } from 'inversify';
import { cacheKind } from '../cache/cache-observer.js';
import { DEFAULT_REDIS_PREFIX } from '../infrastructure.js';
import { RedisConnection } from '../redis/redis-connection.js';
import { RedisPubSubEventBus } from '../redis/redis-event-bus.js';
import { RedisRateLimiter } from '../redis/redis-rate-limiter.js';
import { RedisReadCache } from '../redis/redis-read-cache.js';
import { RedisQueueLine } from '../redis/redis-queue-line.js';
import { closeAfterLoops, guarded, type Lifecycle } from './lifecycle.js';
import type { ContainerOptions } from './options.js';
import { ADAPTER_TOKENS, type Probe } from './tokens.js';

export interface RedisModuleSettings {
  url: string;
  /** Key prefix; deployments sharing a server need their own. */
  prefix?: string | undefined;
  caFile?: string | undefined;
}

/**
 * Redis shared by every instance: the read cache, the rate limiter and a pub/sub event bus
 * (rebinding the system module's in-process ones). Connects on first resolution.
 */
export function redisModule(settings: RedisModuleSettings, options: ContainerOptions = {}): ContainerModule {
  return new ContainerModule(({ bind, rebind }) => {
    const ca = settings.caFile ? readFileSync(settings.caFile, 'utf8') : undefined;
    bind<RedisConnection>(ADAPTER_TOKENS.Redis)
      .toResolvedValue(
        async (life: Lifecycle) => {
          const redis = new RedisConnection({ url: settings.url, prefix: settings.prefix ?? DEFAULT_REDIS_PREFIX, ca });
          await redis.open();
          return guarded(redis, life);
        },
        [ADAPTER_TOKENS.Lifecycle],
      )
      .onDeactivation(closeAfterLoops);
    const observe = (key: string, hit: boolean) => options.instrumentation?.cacheRead?.(cacheKind(key), hit);
    rebind(TOKENS.ReadCache).toResolvedValue(
      (redis: RedisConnection) => new RedisReadCache(redis, undefined, observe),
      [ADAPTER_TOKENS.Redis],
    );
    rebind(TOKENS.Limiter).toResolvedValue(
      (redis: RedisConnection) => new RedisRateLimiter(redis),
      [ADAPTER_TOKENS.Redis],
    );
    bind<EventBus>(ADAPTER_TOKENS.RedisBus).toResolvedValue(
      (redis: RedisConnection) => new RedisPubSubEventBus(redis),
      [ADAPTER_TOKENS.Redis],
    );
    rebind<EventBus>(TOKENS.EventBus).toResolvedValue((bus: EventBus) => bus, [ADAPTER_TOKENS.RedisBus]);
    // Waiting rooms' lines as sorted sets, for positions; the database stays the record.
    rebind<QueueLine | undefined>(TOKENS.QueueLine).toResolvedValue(
      (redis: RedisConnection) => new RedisQueueLine(redis),
      [ADAPTER_TOKENS.Redis],
    );
    bind<Probe>(ADAPTER_TOKENS.Probe).toResolvedValue(
      (redis: RedisConnection) => ({ name: 'redis', probe: () => redis.ping() }),
      [ADAPTER_TOKENS.Redis],
    );
  });
}
