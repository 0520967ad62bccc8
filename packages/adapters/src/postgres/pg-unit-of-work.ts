import type { TxContext, UnitOfWork } from '@livedrops/core';
import type { PgConnections } from './pg-connections.js';
import { pgTxContext } from './pg-tx-context.js';

/**
 * Postgres's unit of work: one READ COMMITTED transaction on one pooled client, COMMIT
 * (ROLLBACK when `work` throws); a deadlock is retried by PgConnections. Units run in
 * parallel; the row locks of their conditional updates are what serialises the ones that
 * touch the same drop. A nested `run` joins the outer transaction.
 */
export class PgUnitOfWork implements UnitOfWork {
  constructor(private readonly connections: PgConnections) {}

  run<T>(work: (tx: TxContext) => Promise<T>): Promise<T> {
    return this.connections.transaction((scope) => work(pgTxContext(scope, this.connections.instrumentation)));
  }
}
