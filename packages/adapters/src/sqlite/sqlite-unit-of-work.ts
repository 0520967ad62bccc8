import type { TxContext, UnitOfWork } from '@livedrops/core';
import type { SqliteConnections } from './sqlite-connections.js';
import { sqliteTxContext } from './sqlite-tx-context.js';

/**
 * SQLite's unit of work: BEGIN IMMEDIATE on the engine's single connection, held until
 * COMMIT (ROLLBACK when `work` throws). Holding the only connection serialises units of
 * work in this process without a second lock; WAL + busy_timeout serialise processes.
 * Keep `work` short: every other query waits for it.
 * A nested `run` joins the outer transaction (no savepoint), so an inner throw that the
 * outer work swallows keeps the inner writes: let it propagate.
 */
export class SqliteUnitOfWork implements UnitOfWork {
  constructor(private readonly connections: SqliteConnections) {}

  run<T>(work: (tx: TxContext) => Promise<T>): Promise<T> {
    return this.connections.transaction((scope) => work(sqliteTxContext(scope, this.connections.instrumentation)));
  }
}
