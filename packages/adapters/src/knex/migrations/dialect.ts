import type { Knex } from 'knex';

/**
 * One set of migrations serves both engines; where Postgres needs another shape (the
 * outbox position, jsonb, constraints SQLite cannot add later) a migration asks this.
 * Such branches may only be added for objects no deployed database has yet.
 */
export function isPostgres(knex: Knex): boolean {
  return knex.client.dialect === 'postgresql';
}
