import type { DrawEntry, TxContext } from '@livedrops/core';
import type { Row } from './knex-rows.js';
import type { SqlExec } from './sql-checkout-tx.js';
import { rankUsers } from './sql-bulk-rows.js';

// Whoever flips shuffled_at from NULL shuffles; an entry in flight holds the drop's row
// (FOR SHARE on PostgreSQL, the single writer on SQLite), so the claim waits for it.
const CLAIM = 'UPDATE drops SET shuffled_at = ? WHERE id = ? AND shuffled_at IS NULL';
const RECORD = 'INSERT INTO fair_shuffles (drop_id, seed, order_ids, shuffled_at) VALUES (?, ?, ?, ?)';
const ENTRANTS = 'SELECT user_id FROM draw_entries WHERE drop_id = ?';
const NEXT_UNGRANTED = `SELECT * FROM draw_entries WHERE drop_id = ? AND rank IS NOT NULL AND granted_at IS NULL
  ORDER BY rank LIMIT ?`;
const MARK_GRANTED = 'UPDATE draw_entries SET granted_at = ? WHERE drop_id = ? AND user_id = ? AND granted_at IS NULL';

export function toDrawEntry(r: Row): DrawEntry {
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    id: String(r.id),
    dropId: String(r.drop_id),
    userId: String(r.user_id),
    enteredAt: Number(r.entered_at),
    rank: n(r.rank),
    grantedAt: n(r.granted_at),
  };
}

/** The fair-access writers of SQLite and PostgreSQL (TxContext.fairness, .draws) on the unit of work's connection. */
export function sqlFairnessTx(db: SqlExec): Pick<TxContext, 'fairness' | 'draws'> {
  return {
    fairness: {
      claim: async (dropId, at) => (await db.changes(CLAIM, [at, dropId])) === 1,
      async record(s) {
        await db.changes(RECORD, [s.dropId, s.seed, JSON.stringify(s.order), s.shuffledAt]);
      },
    },
    draws: {
      entrants: async (dropId) => (await db.rows(ENTRANTS, [dropId])).map((r) => String(r.user_id)),
      rank: (dropId, order) => rankUsers(db, 'draw_entries', dropId, order),
      nextUngranted: async (dropId, limit) => (await db.rows(NEXT_UNGRANTED, [dropId, limit])).map(toDrawEntry),
      async markGranted(dropId, userId, at) {
        await db.changes(MARK_GRANTED, [at, dropId, userId]);
      },
    },
  };
}
