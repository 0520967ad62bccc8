import {
  IdempotencyKeyInUseError,
  type DomainEvent,
  type IdempotencyRecord,
  type Order,
  type TxContext,
} from '@livedrops/core';
import type { Instrumentation } from '../instrumentation.js';
import type { SqliteScope } from './sqlite-scope.js';
import { lineBit, MARK_LINE, REPLACE_OUTCOME, sqlCheckoutTx, type SqlExec } from '../knex/sql-checkout-tx.js';
import { sqlFairnessTx } from '../knex/sql-fairness-tx.js';
import { sqlQueueTx } from '../knex/sql-queue-tx.js';
import { ORDER_COLUMNS, orderValues } from '../knex/knex-rows.js';
import { reserveOn } from './sqlite-inventory.js';
import { stmt } from './sqlite-statements.js';

const ORDER_INSERT = `INSERT INTO orders (${ORDER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
// DO NOTHING + changes, rather than catching the constraint error: cheaper, and no
// SQLite message to interpret.
const IDEMPOTENCY_INSERT = `INSERT INTO idempotency_keys (user_id, key, fingerprint, outcome, created_at)
  VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id, key) DO NOTHING`;
const OUTBOX_INSERT = `INSERT INTO outbox (id, type, drop_id, creator_id, user_id, data, created_at, fanout)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;
// Whoever flips started_at from NULL fired `drop.started`; everyone else backs off.
const MARK_STARTED = 'UPDATE drops SET started_at = ? WHERE id = ? AND started_at IS NULL';

/**
 * The unit of work's writers, on the transaction's own connection through cached
 * prepared statements: the order hot path pays no query building and no pool round trip.
 */
export function sqliteTxContext(scope: SqliteScope, instrumentation: Instrumentation): TxContext {
  const conn = () => {
    // A TxContext kept past its transaction would otherwise write outside any transaction.
    if (!scope.active) throw new Error('The unit of work has already finished');
    return scope.conn;
  };
  const exec: SqlExec = {
    engine: 'sqlite',
    rows: async (sql, params) => stmt(conn(), sql).all(...params) as Record<string, unknown>[],
    changes: async (sql, params) => stmt(conn(), sql).run(...params).changes,
  };
  return {
    inventory: {
      reserve: async (r) => {
        const started = performance.now();
        const result = reserveOn(conn(), r);
        instrumentation.stockDecrement((performance.now() - started) / 1000);
        return result;
      },
    },
    orders: {
      insert: async (o: Order) => {
        stmt(conn(), ORDER_INSERT).run(orderValues(o));
      },
    },
    idempotency: {
      save: async (rec: IdempotencyRecord) => {
        const res = stmt(conn(), IDEMPOTENCY_INSERT).run(
          rec.userId,
          rec.key,
          rec.fingerprint,
          JSON.stringify(rec.outcome),
          rec.createdAt,
        );
        if (res.changes === 0) throw new IdempotencyKeyInUseError();
      },
      replace: async (rec: IdempotencyRecord) => {
        stmt(conn(), REPLACE_OUTCOME).run(JSON.stringify(rec.outcome), rec.userId, rec.key);
      },
    },
    outbox: {
      append: async (events: DomainEvent[]) => {
        const insert = stmt(conn(), OUTBOX_INSERT);
        for (const e of events)
          insert.run(
            e.id,
            e.type,
            e.dropId,
            e.creatorId,
            e.userId,
            JSON.stringify(e.data),
            e.createdAt,
            e.fanout ?? null,
          );
      },
    },
    drops: {
      markStarted: async (dropId: string, at: number) => stmt(conn(), MARK_STARTED).run(at, dropId).changes === 1,
      markLine: async (dropId, line) => stmt(conn(), MARK_LINE).run(lineBit(line), dropId, lineBit(line)).changes === 1,
    },
    ...sqlCheckoutTx(exec),
    ...sqlFairnessTx(exec),
    ...sqlQueueTx(exec),
  };
}
