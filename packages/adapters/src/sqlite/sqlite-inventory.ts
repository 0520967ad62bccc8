import type { ReserveRequest, ReserveResult } from '@livedrops/core';
import type { Database } from 'better-sqlite3';
import { stmt } from './sqlite-statements.js';

// The per-user tally, bumped only while it stays within the limit. RETURNING tells a
// fresh row (quantity == requested) from a bumped one, which the undo below needs.
const TALLY_BUMP = `INSERT INTO drop_buyers (drop_id, user_id, quantity) VALUES (?, ?, ?)
  ON CONFLICT (drop_id, user_id) DO UPDATE SET quantity = drop_buyers.quantity + excluded.quantity
  WHERE drop_buyers.quantity + excluded.quantity <= ? RETURNING quantity`;
const TALLY_READ = 'SELECT quantity FROM drop_buyers WHERE drop_id = ? AND user_id = ?';
const TALLY_UNDO_INSERT = 'DELETE FROM drop_buyers WHERE drop_id = ? AND user_id = ?';
const TALLY_UNDO_BUMP = 'UPDATE drop_buyers SET quantity = quantity - ? WHERE drop_id = ? AND user_id = ?';
// The stock authority: a conditional update, never read-then-write. `cancelled_at IS NULL`
// is what makes a committed cancel stop every later order.
const STOCK_TAKE = `UPDATE drops SET sold = sold + ? WHERE id = ? AND cancelled_at IS NULL AND sold + ? <= total
  RETURNING sold, total, returned`;
const STOCK_READ = 'SELECT sold, total, cancelled_at FROM drops WHERE id = ?';

interface StockRow {
  sold: number;
  total: number;
  cancelled_at: number | null;
}

/**
 * One atomic reserve on the transaction's connection: tally first (perUserLimit), then
 * stock. A refusal writes nothing, because the caller commits even on business
 * rejections (the idempotency record must persist): a tally bumped before the stock
 * step refused is undone here, inside the same exclusive transaction.
 * Without a limit no tally is kept: nothing reads it, and the hot path saves a write.
 */
export function reserveOn(conn: Database, r: ReserveRequest): ReserveResult {
  let tallied: 'inserted' | 'bumped' | null = null;
  if (r.perUserLimit !== null) {
    const row =
      r.quantity <= r.perUserLimit
        ? (stmt(conn, TALLY_BUMP).get(r.dropId, r.userId, r.quantity, r.perUserLimit) as
            | { quantity: number }
            | undefined)
        : undefined;
    if (!row) return limitRefusal(conn, r, r.perUserLimit);
    tallied = row.quantity === r.quantity ? 'inserted' : 'bumped';
  }
  const taken = stmt(conn, STOCK_TAKE).get(r.quantity, r.dropId, r.quantity) as
    | { sold: number; total: number; returned: number }
    | undefined;
  if (taken)
    return {
      ok: true,
      sold: taken.sold,
      total: taken.total,
      ...(taken.returned > 0 ? { returned: taken.returned } : {}),
    };
  if (tallied === 'inserted') stmt(conn, TALLY_UNDO_INSERT).run(r.dropId, r.userId);
  if (tallied === 'bumped') stmt(conn, TALLY_UNDO_BUMP).run(r.quantity, r.dropId, r.userId);
  return stockRefusal(stmt(conn, STOCK_READ).get(r.dropId) as StockRow | undefined);
}

/** Why the stock step refused, read inside the same transaction (so it cannot have changed). */
function stockRefusal(drop: StockRow | undefined): ReserveResult {
  if (!drop) return { ok: false, reason: 'not_found' };
  if (drop.cancelled_at !== null) return { ok: false, reason: 'cancelled' };
  const left = drop.total - drop.sold;
  return left <= 0
    ? { ok: false, reason: 'sold_out', available: 0 }
    : { ok: false, reason: 'insufficient_stock', available: left };
}

/** A missing or cancelled drop is reported as such even when the limit is also hit. */
function limitRefusal(conn: Database, r: ReserveRequest, limit: number): ReserveResult {
  const drop = stmt(conn, STOCK_READ).get(r.dropId) as StockRow | undefined;
  if (!drop) return { ok: false, reason: 'not_found' };
  if (drop.cancelled_at !== null) return { ok: false, reason: 'cancelled' };
  const bought = (stmt(conn, TALLY_READ).get(r.dropId, r.userId) as { quantity: number } | undefined)?.quantity ?? 0;
  return { ok: false, reason: 'purchase_limit_exceeded', remainingAllowance: Math.max(0, limit - bought) };
}
