import type { Clock, Ports } from '@livedrops/core';
import { SharpImageProcessor } from '../media/sharp-image-processor.js';
import { MemoryIdempotencyLock } from '../memory/memory-lock.js';
import { MemoryRateLimiter } from '../memory/memory-rate-limiter.js';
import { RandomTokens, ScryptHasher } from '../system/credentials.js';
import { NodeFairnessCrypto } from '../system/fairness-crypto.js';
import { UuidV7 } from '../system/uuid-v7.js';

export type SystemPorts = Pick<
  Ports,
  'clock' | 'ids' | 'hasher' | 'tokens' | 'limiter' | 'locks' | 'images' | 'digests'
>;

/**
 * The ports a test instance adds to its engine's data ports, as the system module binds them
 * for one process: in-process limiter and idempotency lock, so only the database stops what
 * another instance is running.
 */
export function systemPorts(clock: Clock): SystemPorts {
  return {
    clock,
    ids: new UuidV7(),
    hasher: new ScryptHasher(),
    tokens: new RandomTokens(),
    limiter: new MemoryRateLimiter(clock),
    locks: new MemoryIdempotencyLock(clock),
    images: new SharpImageProcessor(),
    digests: new NodeFairnessCrypto(),
  };
}
