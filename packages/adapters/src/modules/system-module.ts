import { NO_CACHE, TOKENS, type Clock, type EventBus, type QueueLine } from '@livedrops/core';
import { ContainerModule } from 'inversify';
import { cacheKind } from '../cache/cache-observer.js';
import { DEFAULT_IN_PROCESS_CACHE, InProcessReadCache } from '../cache/in-process-read-cache.js';
import { SharpImageProcessor } from '../media/sharp-image-processor.js';
import { MemoryIdempotencyLock } from '../memory/memory-lock.js';
import { MemoryQueueLine } from '../memory/memory-queue-line.js';
import { MemoryRateLimiter } from '../memory/memory-rate-limiter.js';
import { SystemClock } from '../system/clocks.js';
import { RandomTokens, ScryptHasher } from '../system/credentials.js';
import { UuidV7 } from '../system/uuid-v7.js';
import { NodeFairnessCrypto } from '../system/fairness-crypto.js';
import type { ContainerOptions } from './options.js';

/**
 * This process's services: clock, ids, credentials, images, in-flight keys, and the
 * in-process rate limiter and read cache and no shared event bus (the Redis module rebinds those).
 * `sharedWriters`: other instances may write the same database (PostgreSQL).
 */
export function systemModule(options: ContainerOptions = {}, sharedWriters = false): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<Clock>(TOKENS.Clock).toConstantValue(options.clock ?? new SystemClock());
    bind(TOKENS.Ids).toConstantValue(new UuidV7());
    bind(TOKENS.Hasher).toConstantValue(new ScryptHasher());
    bind(TOKENS.Tokens).toConstantValue(new RandomTokens());
    bind(TOKENS.Images).toConstantValue(new SharpImageProcessor());
    bind(TOKENS.FairnessCrypto).toConstantValue(new NodeFairnessCrypto());
    // Waiting rooms' lines copied in this process for positions (the Redis module rebinds it to a shared copy).
    bind<QueueLine | undefined>(TOKENS.QueueLine).toResolvedValue(
      (clock: Clock) => new MemoryQueueLine(clock),
      [TOKENS.Clock],
    );
    // In-flight keys are this instance's business: across instances the database's one record
    // per key decides (the later request replays the earlier one's answer).
    bind(TOKENS.Locks).toResolvedValue((clock: Clock) => new MemoryIdempotencyLock(clock), [TOKENS.Clock]);
    // None: one instance, whose notification runtime uses its own in-process bus.
    bind<EventBus | undefined>(TOKENS.EventBus).toConstantValue(undefined);
    bind(TOKENS.Limiter).toResolvedValue((clock: Clock) => new MemoryRateLimiter(clock), [TOKENS.Clock]);
    // An in-process cache is only fresh when this process is the database's only writer.
    // With other writers and no Redis there is no cache at all rather than one that could
    // show another instance's old state.
    bind(TOKENS.ReadCache).toResolvedValue(
      (clock: Clock) =>
        sharedWriters
          ? NO_CACHE
          : new InProcessReadCache(clock, DEFAULT_IN_PROCESS_CACHE, (key, hit) =>
              options.instrumentation?.cacheRead?.(cacheKind(key), hit),
            ),
      [TOKENS.Clock],
    );
  });
}
