import type { Knex } from 'knex';
import type { KnexDb } from '../knex/knex-db.js';
import type { PgConnections } from './pg-connections.js';

/** The knex repositories' view of the Postgres engine: builders join the ambient transaction. */
export class PgKnexDb implements KnexDb {
  readonly knex: Knex;

  constructor(private readonly connections: PgConnections) {
    this.knex = connections.knex;
  }

  table(name: string): Knex.QueryBuilder {
    return this.connections.bind(this.knex(name));
  }

  transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.connections.transaction(() => work());
  }
}
