import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Test databases on the local PostgreSQL (127.0.0.1:5432, trust auth, as in CI): each run
 * gets its own, `livedrops_t_<pid>_<random>`, dropped at the end. TEST_POSTGRES_URL points
 * elsewhere (any database on the server; the user must be allowed to create databases).
 */
export function adminUrl(): string {
  return process.env.TEST_POSTGRES_URL ?? `postgres://${encodeURIComponent(process.env.PGUSER ?? 'postgres')}@127.0.0.1:5432/postgres`;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 3_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Null when the server answers; otherwise why not, in one line. */
export async function probePostgres(): Promise<string | null> {
  try {
    await admin((c) => c.query('SELECT 1'));
    return null;
  } catch (e) {
    const err = e as { code?: string; message?: string };
    return `${err.code ?? ''} ${err.message ?? String(e)}`.trim();
  }
}

/** Under CI a missing service fails the run; elsewhere the caller skips, saying so once, loudly. */
export function mustHavePostgres(): boolean {
  return process.env.CI === 'true' || process.env.CI === '1';
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
};

/** Creates an empty database for this run, after dropping any left by runs that were killed. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `livedrops_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin(async (c) => {
    const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'livedrops\\_t\\_%'");
    for (const { datname } of rows) {
      const pid = Number(/^livedrops_t_(\d+)_/.exec(datname)?.[1]);
      if (pid && !alive(pid)) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    }
    await c.query(`CREATE DATABASE "${name}"`);
  });
  let dropped: Promise<void> | undefined;
  return {
    name,
    url: withDatabase(adminUrl(), name),
    // FORCE: a test that failed half-way may have left a connection open.
    drop: () => (dropped ??= admin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)))),
  };
}
