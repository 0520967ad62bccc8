import { createUseCases, DEFAULT_POLICY, type Ports, type UseCases } from '@livedrops/core';
import { createPostgresAdapters } from '../../src/postgres/create-postgres-adapters.js';
import type { FakeClock } from '../../src/system/clocks.js';
import { fixtures } from '../../src/testing/contracts/fixtures.js';
import { systemPorts } from '../../src/testing/system-ports.js';

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
    ...systemPorts(clock),
  };
  return { data, ports, uc: createUseCases(ports, DEFAULT_POLICY) };
}

/** The contract fixtures (users, drops, buys) written through one engine's ports. */
export function pgFixtures(data: PgAdapters, clock: FakeClock): ReturnType<typeof fixtures> {
  return fixtures({ ports: data, clock, raw: undefined as never, close: async () => undefined });
}
