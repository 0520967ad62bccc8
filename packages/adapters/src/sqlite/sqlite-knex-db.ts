import type { Knex } from 'knex';
import type { KnexDb } from '../knex/knex-db.js';
import type { SqliteConnections } from './sqlite-connections.js';

/** The knex repositories' view of a SQLite engine: builders follow the held connection. */
export class SqliteKnexDb implements KnexDb {
  readonly knex: Knex;

  constructor(private readonly connections: SqliteConnections) {
    this.knex = connections.knex;
  }

  table(name: string): Knex.QueryBuilder {
    return this.connections.bind(this.knex(name));
  }

  transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.connections.transaction(() => work());
  }
}
