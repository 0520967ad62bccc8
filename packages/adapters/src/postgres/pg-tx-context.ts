import type { DomainEvent, IdempotencyRecord, Order, TxContext } from '@livedrops/core';
import type { Instrumentation } from '../instrumentation.js';
import type { PgScope } from './pg-connections.js';
import { lineBit, MARK_LINE, REPLACE_OUTCOME, sqlCheckoutTx, type SqlExec } from '../knex/sql-checkout-tx.js';
import { sqlFairnessTx } from '../knex/sql-fairness-tx.js';
import { sqlQueueTx } from '../knex/sql-queue-tx.js';
import { reserveOn } from './pg-inventory.js';

/** `?` placeholders as PostgreSQL's `$n`, converted once per statement text. */
const texts = new Map<string, string>();
function pgText(sql: string): string {
  let text = texts.get(sql);
  if (text === undefined) {
    let n = 0;
    text = sql.replace(/\?/g, () => `$${++n}`);
    if (texts.size < 1000) texts.set(sql, text);
  }
  return text;
}

// Whoever flips started_at from NULL fired `drop.started`; a concurrent scheduler waits on
// the row lock, re-checks `started_at IS NULL` against the committed version, and backs off.
const MARK_STARTED = {
  name: 'ld_mark_started',
  text: 'UPDATE drops SET started_at = $1 WHERE id = $2 AND started_at IS NULL',
};

/**
 * The unit of work's writers on the transaction's own client. Statements that answer
 * something (reserve, markStarted) run at once, as named statements, after any held
 * writes; the order, outbox and idempotency rows are held and sent together
 * (pg-deferred-writes.ts). A reserve offered its order's writes (`ifQuiet`) first tries
 * them all as one statement.
 */
export function pgTxContext(scope: PgScope, instrumentation: Instrumentation): TxContext {
  const open = () => {
    // A TxContext kept past its transaction would otherwise write outside any transaction.
    if (!scope.active) throw new Error('The unit of work has already finished');
    return scope;
  };
  const client = async () => {
    await open().ready();
    return scope.client;
  };
  const exec: SqlExec = {
    engine: 'postgres',
    rows: async (sql, params) => (await (await client()).query(pgText(sql), params)).rows as Record<string, unknown>[],
    changes: async (sql, params) => (await (await client()).query(pgText(sql), params)).rowCount ?? 0,
  };
  return {
    inventory: {
      reserve: async (r) => {
        const started = performance.now();
        const conn = await client();
        const result = await reserveOn(conn, r);
        instrumentation.stockDecrement((performance.now() - started) / 1000);
        return result;
      },
    },
    orders: { insert: (o: Order) => open().writes.addOrder(o) },
    idempotency: {
      save: (rec: IdempotencyRecord) => open().writes.addKey(rec),
      replace: async (rec: IdempotencyRecord) => {
        await (await client()).query(pgText(REPLACE_OUTCOME), [JSON.stringify(rec.outcome), rec.userId, rec.key]);
      },
    },
    outbox: { append: async (events: DomainEvent[]) => open().writes.addEvents(events) },
    drops: {
      markStarted: async (dropId: string, at: number) =>
        (await (await client()).query({ ...MARK_STARTED, values: [at, dropId] })).rowCount === 1,
      markLine: async (dropId, line) =>
        (await (await client()).query(pgText(MARK_LINE), [lineBit(line), dropId, lineBit(line)])).rowCount === 1,
    },
    ...sqlCheckoutTx(exec),
    ...sqlFairnessTx(exec),
    ...sqlQueueTx(exec),
  };
}
