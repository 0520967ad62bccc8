import type { Knex } from 'knex';

/**
 * What the knex repositories need from an engine, so SQLite and Postgres can share them.
 * Each engine decides how a transaction is held and how queries issued inside it find
 * it (SQLite: the single held connection; Postgres: a knex transaction object); the
 * repositories just ask for a builder and never see a connection.
 */
export interface KnexDb {
  readonly knex: Knex;
  /** A query builder on `table`, inside the ambient transaction when one is running. */
  table(name: string): Knex.QueryBuilder;
  /** Runs `work` atomically; a call made inside another transaction joins it. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
}
