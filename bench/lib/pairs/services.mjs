// Local PostgreSQL and Redis for the production-profile pairs: probes, and throwaway
// databases (created per run, dropped after), on 127.0.0.1 as the test suites use them.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { ROOT } from '../harness.mjs';

const pg = createRequire(`${ROOT}packages/adapters/package.json`)('pg');
export const PG_ADMIN = process.env.TEST_POSTGRES_URL ?? `postgres://${process.env.PGUSER ?? 'postgres'}@127.0.0.1:5432/postgres`;
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function admin(sql) {
  const c = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 3000 });
  c.on('error', () => undefined);
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** A fresh database; `drop()` removes it. Throws (with the reason) when PostgreSQL is not there. */
export async function tempDatabase(tag) {
  const name = `livedrops_bench_${tag}_${process.pid}`;
  await admin(`DROP DATABASE IF EXISTS ${name}`);
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Runs a command to completion; stdout, or throws with its stderr. */
export function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 900_000 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} exited ${r.status}: ${(r.stderr || r.stdout).trim().split('\n').slice(-2).join(' ')}`);
  return r.stdout;
}

export const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
