import type { Knex } from 'knex';
import { migrationSource } from '../knex/migrations/index.js';
import { createSqliteKnex } from './sqlite-knex.js';

/** Brings the schema to the latest version; returns the names of the migrations it applied. */
export async function migrateLatest(knex: Knex): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest({ migrationSource })) as [number, string[]];
  return applied;
}

/** `livedrops migrate` for a SQLite file (or ':memory:', for what that is worth). */
export async function migrateSqlite(filename: string): Promise<string[]> {
  const knex = createSqliteKnex(filename);
  try {
    return await migrateLatest(knex);
  } finally {
    await knex.destroy();
  }
}
