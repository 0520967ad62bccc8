import type { ReserveRequest, ReserveResult } from '@livedrops/core';
import type pg from 'pg';

// Named statements: parsed and planned once per connection, then only bound and run.
// The per-user tally, bumped only while it stays within the limit. `xmax = 0` tells a fresh
// row from a bumped one, which the undo below needs.
const TALLY_BUMP = {
  name: 'ld_tally_bump',
  text: `INSERT INTO drop_buyers (drop_id, user_id, quantity) VALUES ($1, $2, $3)
    ON CONFLICT (drop_id, user_id) DO UPDATE SET quantity = drop_buyers.quantity + EXCLUDED.quantity
    WHERE drop_buyers.quantity + EXCLUDED.quantity <= $4 RETURNING (xmax = 0) AS inserted`,
};
const TALLY_READ = {
  name: 'ld_tally_read',
  text: 'SELECT quantity FROM drop_buyers WHERE drop_id = $1 AND user_id = $2',
};
const TALLY_UNDO_INSERT = {
  name: 'ld_tally_undo_insert',
  text: 'DELETE FROM drop_buyers WHERE drop_id = $1 AND user_id = $2',
};
const TALLY_UNDO_BUMP = {
  name: 'ld_tally_undo_bump',
  text: 'UPDATE drop_buyers SET quantity = quantity - $3 WHERE drop_id = $1 AND user_id = $2',
};
// The stock authority: one conditional update on the hot row, never read-then-write. Under
// READ COMMITTED a waiter re-checks the WHERE against the version its predecessor committed,
// so `sold + q <= total` and `cancelled_at IS NULL` hold at the moment it takes the lock.
const STOCK_TAKE = {
  name: 'ld_stock_take',
  text: `UPDATE drops SET sold = sold + $2 WHERE id = $1 AND cancelled_at IS NULL AND sold + $2 <= total
    RETURNING sold, total, returned`,
};
const STOCK_READ = { name: 'ld_stock_read', text: 'SELECT sold, total, cancelled_at FROM drops WHERE id = $1' };

interface StockRow {
  sold: number;
  total: number;
  cancelled_at: number | null;
}

const run = (client: pg.ClientBase, q: { name: string; text: string }, values: unknown[]) =>
  client.query({ ...q, values });

/**
 * One atomic reserve on the transaction's client: tally first, then stock. Lock order is
 * the same for every order (the buyer's tally row, then the drop's row), so orders never
 * deadlock each other, and the hot row is locked last: its lock is held only from the stock
 * update to COMMIT. A refusal writes nothing, because the caller commits even on business
 * rejections (the idempotency record must persist): a tally bumped before the stock step
 * refused is undone here. Without a limit no tally is kept.
 */
export async function reserveOn(client: pg.ClientBase, r: ReserveRequest): Promise<ReserveResult> {
  let tallied: 'inserted' | 'bumped' | null = null;
  if (r.perUserLimit !== null) {
    const row =
      r.quantity <= r.perUserLimit
        ? (await run(client, TALLY_BUMP, [r.dropId, r.userId, r.quantity, r.perUserLimit])).rows[0]
        : undefined;
    if (!row) return limitRefusal(client, r, r.perUserLimit);
    tallied = row.inserted ? 'inserted' : 'bumped';
  }
  const taken = (await run(client, STOCK_TAKE, [r.dropId, r.quantity])).rows[0] as
    | { sold: number; total: number; returned: number }
    | undefined;
  if (taken)
    return {
      ok: true,
      sold: taken.sold,
      total: taken.total,
      ...(taken.returned > 0 ? { returned: taken.returned } : {}),
    };
  if (tallied === 'inserted') await run(client, TALLY_UNDO_INSERT, [r.dropId, r.userId]);
  if (tallied === 'bumped') await run(client, TALLY_UNDO_BUMP, [r.dropId, r.userId, r.quantity]);
  return stockRefusal((await run(client, STOCK_READ, [r.dropId])).rows[0] as StockRow | undefined);
}

/** Why the stock step refused. Read after it, so the drop may only have sold more since: still a refusal. */
function stockRefusal(drop: StockRow | undefined): ReserveResult {
  if (!drop) return { ok: false, reason: 'not_found' };
  if (drop.cancelled_at !== null) return { ok: false, reason: 'cancelled' };
  const left = drop.total - drop.sold;
  return left <= 0
    ? { ok: false, reason: 'sold_out', available: 0 }
    : { ok: false, reason: 'insufficient_stock', available: left };
}

/** A missing or cancelled drop is reported as such even when the limit is also hit. */
async function limitRefusal(client: pg.ClientBase, r: ReserveRequest, limit: number): Promise<ReserveResult> {
  const drop = (await run(client, STOCK_READ, [r.dropId])).rows[0] as StockRow | undefined;
  if (!drop) return { ok: false, reason: 'not_found' };
  if (drop.cancelled_at !== null) return { ok: false, reason: 'cancelled' };
  const bought =
    ((await run(client, TALLY_READ, [r.dropId, r.userId])).rows[0] as { quantity: number } | undefined)?.quantity ?? 0;
  return { ok: false, reason: 'purchase_limit_exceeded', remainingAllowance: Math.max(0, limit - bought) };
}
