import pg from 'pg';
import { createPostgresAdapters, migratePostgres } from '../../src/postgres/create-postgres-adapters.js';
import { FakeClock } from '../../src/system/clocks.js';
import { sqlRawState } from '../../src/testing/contracts/raw-state.js';
import type { AdapterUnderTest, Harness } from '../../src/testing/harness.js';
import { createTestDatabase, mustHavePostgres, probePostgres, type TestDatabase } from '@livedrops/test-support';

let database: Promise<TestDatabase> | undefined;
let raw: pg.Pool | undefined;

// A root-level hook (this module loads before any suite runs): the run's database goes,
// whether its tests passed or not.
after(async () => {
  await raw?.end();
  await (await database?.catch(() => undefined))?.drop();
});

/** The run's database, created and migrated on first use. */
export function testDatabase(): Promise<TestDatabase> {
  database ??= (async () => {
    const db = await createTestDatabase();
    await migratePostgres(db.url);
    return db;
  })();
  return database;
}

const TABLES =
  'users, sessions, follows, products, drops, orders, drop_buyers, idempotency_keys, outbox, inbox, stream_tickets, blobs, payments, waitlist, sandbox_gateway, fair_seeds, fair_shuffles, draw_entries, queue_entries';

/** Empties the run's database (one statement, identities restarted) and returns its URL. */
export async function freshDatabase(): Promise<string> {
  const db = await testDatabase();
  if (!raw) {
    raw = new pg.Pool({ connectionString: db.url, max: 2 });
    // pool.end() does not wait for the sockets to close; the final DROP … WITH (FORCE) may
    // still find one and terminate it, which must not surface as an uncaught error.
    raw.on('error', () => undefined).on('connect', (client) => client.on('error', () => undefined));
  }
  await raw.query(`TRUNCATE ${TABLES} RESTART IDENTITY`);
  return db.url;
}

/** Raw SQL beside the adapter under test, `?` placeholders as in the SQLite harness. */
export function rawQuery(sql: string, ...params: unknown[]): Promise<Record<string, unknown>[]> {
  let i = 0;
  return raw!
    .query(
      sql.replace(/\?/g, () => `$${++i}`),
      params,
    )
    .then((r) => r.rows as Record<string, unknown>[]);
}

async function postgres(): Promise<Harness> {
  const url = await freshDatabase();
  const clock = new FakeClock();
  const ports = await createPostgresAdapters({ url, clock, migrate: false, max: 4 });
  // Unpositioned outbox rows (seq NULL until the relay's sequencer runs) in insert order.
  return {
    ports,
    clock,
    raw: sqlRawState(rawQuery, { outboxOrder: 'seq NULLS LAST, row_id' }),
    close: () => ports.close(),
  };
}

/**
 * The Postgres family, when the server answers. Without it: under CI the family stays
 * and every test fails with the reason; elsewhere it is left out with one loud line.
 */
export async function postgresUnderTest(wanted: readonly string[]): Promise<AdapterUnderTest[]> {
  if (wanted.length > 0 && !wanted.includes('postgres')) return [];
  const problem = await probePostgres();
  if (problem && !mustHavePostgres()) {
    console.warn(
      `\n!!! PostgreSQL not reachable (${problem}): the postgres contract suites are SKIPPED (CI=true makes this a failure)\n`,
    );
    return [];
  }
  return [{ name: 'postgres', family: 'postgres', make: postgres }];
}

/** `describe` for Postgres-only specs: skipped when the family is not under test (see postgresUnderTest). */
export function describePostgres(
  available: readonly AdapterUnderTest[],
): Mocha.SuiteFunction | Mocha.PendingSuiteFunction {
  return available.some((a) => a.family === 'postgres') ? describe : describe.skip;
}

/**
 * An admin shutdown (57P01) of every connection named `applicationName`, as when a server
 * restarts under them. pg_terminate_backend only signals, so this waits until they are gone.
 */
export async function terminateConnections(applicationName: string): Promise<void> {
  await rawQuery('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?', applicationName);
  for (let i = 0; i < 200; i++) {
    const [left] = await rawQuery(
      'SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE application_name = ?',
      applicationName,
    );
    if (left?.n === 0) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`connections of ${applicationName} did not go away`);
}
