import { createUseCases, DEFAULT_POLICY, type Ports, type UseCases } from '@livedrops/core';
import { MemoryIdempotencyLock } from '../../src/memory/memory-lock.js';
import { SharpImageProcessor } from '../../src/media/sharp-image-processor.js';
import { NodeFairnessCrypto } from '../../src/system/fairness-crypto.js';
import { MemoryRateLimiter } from '../../src/memory/memory-rate-limiter.js';
import { createPostgresAdapters } from '../../src/postgres/create-postgres-adapters.js';
import type { FakeClock } from '../../src/system/clocks.js';
import { RandomTokens, ScryptHasher } from '../../src/system/credentials.js';
import { UuidV7 } from '../../src/system/uuid-v7.js';
import { fixtures } from '../../src/testing/contracts/fixtures.js';

export type PgAdapters = Awaited<ReturnType<typeof createPostgresAdapters>>;

/**
 * One "server instance" on a shared database: its own pool, its own in-process idempotency
 * lock (so only the database can stop a duplicate another instance is running) and use
 * cases. `name` becomes the connections' application_name, so a test can cut just these.
 */
export async function pgInstance(
  url: string,
  clock: FakeClock,
  name = 'livedrops-test',
): Promise<{ data: PgAdapters; ports: Ports; uc: UseCases }> {
  const data = await createPostgresAdapters({ url, clock, migrate: false, max: 4, applicationName: name });
  const ports: Ports = {
    ...data,
    clock,
    ids: new UuidV7(),
    hasher: new ScryptHasher(),
    tokens: new RandomTokens(),
    limiter: new MemoryRateLimiter(clock),
    locks: new MemoryIdempotencyLock(clock),
    images: new SharpImageProcessor(),
    digests: new NodeFairnessCrypto(),
  };
  return { data, ports, uc: createUseCases(ports, DEFAULT_POLICY) };
}

/** The contract fixtures (users, drops, buys) written through one engine's ports. */
export function pgFixtures(data: PgAdapters, clock: FakeClock): ReturnType<typeof fixtures> {
  return fixtures({ ports: data, clock, raw: undefined as never, close: async () => undefined });
}
