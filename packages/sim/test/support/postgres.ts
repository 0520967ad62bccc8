import pg from 'pg';

/** The local PostgreSQL the other suites use (127.0.0.1:5432, trust auth); TEST_POSTGRES_URL points elsewhere. */
const ADMIN = process.env['TEST_POSTGRES_URL'] ?? `postgres://${encodeURIComponent(process.env['PGUSER'] ?? 'postgres')}@127.0.0.1:5432/postgres`;

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN, connectionTimeoutMillis: 3000 });
  c.on('error', () => undefined);
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** A database of this run's own, or the reason PostgreSQL is not there. */
export async function tempPostgres(): Promise<{ url: string; drop(): Promise<void> } | string> {
  const name = `livedrops_sim_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  try {
    await admin(`CREATE DATABASE ${name}`);
  } catch (e) {
    return (e as Error).message;
  }
  const url = new URL(ADMIN);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export const mustHavePostgres = (): boolean => process.env['CI'] === 'true' || process.env['CI'] === '1';
