import type { Knex } from 'knex';
import type pg from 'pg';
import { migrationSource } from '../knex/migrations/index.js';
import { createPgKnex, createPgPool } from './pg-pool.js';

// Instances started together would race knex's own migration lock, which fails the losers
// ("Migration table is already locked") instead of letting them wait. A session advisory
// lock makes them queue; the second one then finds nothing to do.
const MIGRATION_LOCK = 7_460_301_986;

/** Brings the schema to the latest version; returns the names of the migrations it applied. */
export async function migrateLatestPg(pool: pg.Pool, knex: Knex): Promise<string[]> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const [, applied] = (await knex.migrate.latest({ migrationSource })) as [number, string[]];
      return applied;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch((e: Error) => (broken = e));
    }
  } finally {
    client.release(broken);
  }
}

/** `livedrops migrate` for a Postgres database. */
export async function migratePostgres(url: string): Promise<string[]> {
  const pool = createPgPool({ url, max: 2 });
  const knex = createPgKnex(pool);
  try {
    return await migrateLatestPg(pool, knex);
  } finally {
    await knex.destroy();
    await pool.end();
  }
}
