import { PASS_IN_FLIGHT_MS, type TxContext } from '@livedrops/core';
import type { SqlExec } from './sql-checkout-tx.js';
import { admitUsers, notePositions, rankUsers } from './sql-bulk-rows.js';

// The drop's row is the admission step's lock: instances take turns, each seeing the stock
// and the passes the one before it left (SQLite has one writer; PostgreSQL locks the row).
// FOR NO KEY UPDATE, as an order's stock update takes: it excludes those, but not the key
// share a join's foreign key check takes, so arrivals go on joining while users are admitted.
const LOCK_STOCK = 'SELECT total, sold, paid FROM drops WHERE id = ?';
const LIVE_PASSES = `SELECT COUNT(*) AS n FROM queue_entries
  WHERE drop_id = ? AND state = 'admitted' AND spent_at IS NULL
  AND (pass_expires_at > ? OR (used_key IS NOT NULL AND pass_expires_at > ?))`;
// A queue drop's orders each spent their user's one pass, so an order of the user is the spend.
// `admitted_at IS NOT NULL` (true of every admitted entry) lets the planner use queue_entries_admitted.
const SPEND_ORDERED = `UPDATE queue_entries SET spent_at = ? WHERE drop_id = ? AND admitted_at IS NOT NULL
  AND state = 'admitted' AND spent_at IS NULL AND used_key IS NOT NULL
  AND EXISTS (SELECT 1 FROM orders o WHERE o.drop_id = queue_entries.drop_id AND o.user_id = queue_entries.user_id)`;
const LINE = `SELECT user_id, told_position, told_eta, told_at FROM queue_entries
  WHERE drop_id = ? AND state = 'waiting'
  AND rank IS NOT NULL ORDER BY rank, user_id LIMIT ?`;
const CLOSE = "UPDATE queue_entries SET state = 'closed' WHERE drop_id = ? AND state = 'waiting' RETURNING user_id";
const CLOSE_FIRST = `UPDATE queue_entries SET state = 'closed' WHERE drop_id = ? AND state = 'waiting' AND user_id IN
  (SELECT user_id FROM queue_entries WHERE drop_id = ? AND state = 'waiting' ORDER BY rank, user_id LIMIT ?)
  RETURNING user_id`;
const PRE_QUEUE = 'SELECT user_id FROM queue_entries WHERE drop_id = ? AND rank IS NULL';
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** The waiting room's writers (TxContext.queues) on either SQL engine. */
export function sqlQueueTx(db: SqlExec): Pick<TxContext, 'queues'> {
  const lockSuffix = db.engine === 'postgres' ? ' FOR NO KEY UPDATE' : '';
  return {
    queues: {
      async lockStock(dropId) {
        const [r] = await db.rows(LOCK_STOCK + lockSuffix, [dropId]);
        return r ? { total: Number(r.total), sold: Number(r.sold), paid: Number(r.paid) } : null;
      },
      livePasses: async (dropId, now) =>
        Number((await db.rows(LIVE_PASSES, [dropId, now, now - PASS_IN_FLIGHT_MS]))[0]?.n ?? 0),
      spendOrdered: (dropId, at) => db.changes(SPEND_ORDERED, [at, dropId]),
      line: async (dropId, limit) =>
        (await db.rows(LINE, [dropId, limit])).map((r) => ({
          userId: String(r.user_id),
          toldPosition: numOrNull(r.told_position),
          toldEta: numOrNull(r.told_eta),
          toldAt: numOrNull(r.told_at),
        })),
      admit: (dropId, grants, expiresAt, at) => admitUsers(db, dropId, grants, expiresAt, at),
      closeWaiting: async (dropId, limit) =>
        (await (limit === undefined ? db.rows(CLOSE, [dropId]) : db.rows(CLOSE_FIRST, [dropId, dropId, limit]))).map(
          (r) => String(r.user_id),
        ),
      preQueue: async (dropId) => (await db.rows(PRE_QUEUE, [dropId])).map((r) => String(r.user_id)),
      rankPreQueue: (dropId, order) => rankUsers(db, 'queue_entries', dropId, order),
      notePositions: (dropId, notes, at, minGapMs) => notePositions(db, dropId, notes, at, minGapMs),
    },
  };
}
