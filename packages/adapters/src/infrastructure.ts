import { readFileSync } from 'node:fs';
import { NO_CACHE, type Clock, type EventBus, type EventLog, type RateLimiter, type ReadCache } from '@livedrops/core';
import type { Knex } from 'knex';
import { InProcessReadCache, DEFAULT_IN_PROCESS_CACHE } from './cache/in-process-read-cache.js';
import { cacheKind } from './cache/cache-observer.js';
import type { Config } from './config.js';
import type { DataAdapters } from './data-ports.js';
import type { Instrumentation } from './instrumentation.js';
import { KnexEventLog } from './knex/knex-event-log.js';
import { MemoryEventLog } from './memory/memory-event-log.js';
import type { MemoryStore } from './memory/memory-store.js';
import { AmqpConnection } from './rabbitmq/amqp-connection.js';
import { CompositeEventBus } from './rabbitmq/composite-event-bus.js';
import { DEFAULT_RABBIT_BUS, newInstanceId, RabbitMqEventBus } from './rabbitmq/rabbitmq-event-bus.js';
import { MemoryRateLimiter } from './memory/memory-rate-limiter.js';
import { RedisConnection } from './redis/redis-connection.js';
import { RedisPubSubEventBus } from './redis/redis-event-bus.js';
import { RedisRateLimiter } from './redis/redis-rate-limiter.js';
import { RedisReadCache } from './redis/redis-read-cache.js';

/**
 * The shared services beside the database: cache, rate limits and (when instances must
 * hear each other) the event bus. In-process on the
 * embedded profile; Redis and RabbitMQ when REDIS_URL / AMQP_URL are set, each on its own.
 */
export interface Infrastructure {
  cache: ReadCache;
  limiter: RateLimiter;
  /** A bus that reaches every instance; absent: the in-process bus (one instance). */
  bus?: EventBus | undefined;
  /** Readiness probes by dependency name (`redis`, `amqp`); each throws when down. */
  checks: Record<string, () => Promise<void>>;
  close(): Promise<void>;
}

export const DEFAULT_REDIS_PREFIX = 'livedrops:';
/** The durable topic exchange of domain events; deployments sharing a broker need their own (or their own vhost). */
export const EVENTS_EXCHANGE = 'livedrops.events';

/** Builds what the configuration names. */
export async function openInfrastructure(config: Config, clock: Clock, instrumentation?: Instrumentation): Promise<Infrastructure> {
  const local = await openLocal(config, clock, instrumentation);
  if (!config.amqpUrl) return local;
  const ca = config.amqpCaFile ? readFileSync(config.amqpCaFile) : undefined;
  const exchange = config.amqpExchange ?? EVENTS_EXCHANGE;
  const amqp = new AmqpConnection(config.amqpUrl, { exchange, ...(ca ? { ca } : {}) });
  await amqp.open();
  const rabbit = new RabbitMqEventBus(amqp, { ...DEFAULT_RABBIT_BUS, instanceId: newInstanceId() });
  return {
    ...local,
    // With Redis too, its pub/sub rings first; RabbitMQ is what keeps events across restarts.
    bus: local.bus ? new CompositeEventBus(rabbit, local.bus) : rabbit,
    checks: { ...local.checks, amqp: () => amqp.ping() },
    close: async () => {
      await amqp.close();
      await local.close();
    },
  };
}

/** The event log a LiveTail reads: the engine's outbox (memory, or SQL through the engine's knex). */
export function eventLogOf(data: DataAdapters): EventLog {
  const d = data as DataAdapters & { store?: MemoryStore; knex?: Knex };
  if (d.store) return new MemoryEventLog(d.store);
  if (d.knex) return new KnexEventLog(d.knex);
  throw new Error('this storage engine has no event log');
}

async function openLocal(config: Config, clock: Clock, instrumentation?: Instrumentation): Promise<Infrastructure> {
  const observeCache = (key: string, hit: boolean) => instrumentation?.cacheRead?.(cacheKind(key), hit);
  if (config.redisUrl) {
    const ca = config.redisCaFile ? readFileSync(config.redisCaFile, 'utf8') : undefined;
    const redis = new RedisConnection({ url: config.redisUrl, prefix: config.redisPrefix ?? DEFAULT_REDIS_PREFIX, ca });
    await redis.open();
    return {
      cache: new RedisReadCache(redis, undefined, observeCache),
      limiter: new RedisRateLimiter(redis),
      bus: new RedisPubSubEventBus(redis),
      checks: { redis: () => redis.ping() },
      close: () => redis.close(),
    };
  }
  // An in-process cache is only fresh when this process is the database's only writer:
  // the embedded engines. Postgres may have other instances writing, so without Redis it
  // gets no cache at all rather than one that could show another instance's old state.
  const local = !/^postgres(ql)?:/.test(config.databaseUrl);
  return {
    cache: local ? new InProcessReadCache(clock, DEFAULT_IN_PROCESS_CACHE, observeCache) : NO_CACHE,
    limiter: new MemoryRateLimiter(clock),
    checks: {},
    close: async () => undefined,
  };
}
