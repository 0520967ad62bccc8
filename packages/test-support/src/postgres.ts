import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { mustHaveServices } from './services.js';

/**
 * Test databases on the local PostgreSQL (127.0.0.1:5432, trust auth, as in CI): each run
 * gets its own, `<prefix>_<pid>_<random>`, dropped at the end. TEST_POSTGRES_URL points
 * elsewhere (any database on the server; the user must be allowed to create databases).
 */
export function adminUrl(): string {
  const user = encodeURIComponent(process.env.PGUSER ?? 'postgres');
  return process.env.TEST_POSTGRES_URL ?? `postgres://${user}@127.0.0.1:5432/postgres`;
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

/** Under CI a missing PostgreSQL fails the run; elsewhere the caller skips, saying so once, loudly. */
export const mustHavePostgres = mustHaveServices;

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

/**
 * Creates an empty database for this run, after dropping any of the same `prefix` left by
 * runs that were killed (their process is gone).
 */
export async function createTestDatabase(prefix = 'livedrops_t'): Promise<TestDatabase> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const pattern = new RegExp(`^${prefix}_(\\d+)_[0-9a-f]+$`);
  await admin(async (c) => {
    const like = `${prefix.replace(/_/g, '\\_')}\\_%`;
    const { rows } = await c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      like,
    ]);
    for (const { datname } of rows) {
      const pid = Number(pattern.exec(datname)?.[1]);
      if (pid && !alive(pid)) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    }
    await c.query(`CREATE DATABASE "${name}"`);
  });
  let dropped: Promise<void> | undefined;
  return {
    name,
    url: withDatabase(adminUrl(), name),
    // FORCE: a test that failed half-way may have left a connection open.
    drop: () =>
      (dropped ??= admin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)))),
  };
}

/** `createTestDatabase`, or the reason PostgreSQL could not give one (the caller skips or fails). */
export function tryTestDatabase(prefix?: string): Promise<TestDatabase | string> {
  return createTestDatabase(prefix).catch((e: unknown) => (e as Error).message || String(e));
}
