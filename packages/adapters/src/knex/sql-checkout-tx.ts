import type { EndedHold, PaymentPatch, StockCounters, TxContext } from '@livedrops/core';
import { paymentColumns } from './knex-checkout.js';
import { toOrder, type Row } from './knex-rows.js';

/** A transaction's connection as the checkout writers use it: `?` placeholders, either engine. */
export interface SqlExec {
  /** Which dialect `rows` and `changes` speak, for the few statements written per engine. */
  engine: 'sqlite' | 'postgres';
  rows(sql: string, params: unknown[]): Promise<Row[]>;
  changes(sql: string, params: unknown[]): Promise<number>;
}

// Each end of a hold is one conditional update from `held`: whoever's update matches ends it.
const END_EXPIRED = `UPDATE orders SET status = 'expired', ended_at = ? WHERE id = ? AND status = 'held' AND expires_at <= ?
  RETURNING id, user_id, drop_id, quantity, created_at, expires_at, unit_price_cents`;
const END_CANCELLED = `UPDATE orders SET status = 'cancelled', ended_at = ? WHERE id = ? AND status = 'held' AND expires_at > ?
  RETURNING id, user_id, drop_id, quantity, created_at, expires_at, unit_price_cents`;
const CONFIRM = `UPDATE orders SET status = 'confirmed', payment_id = ?, ended_at = ? WHERE id = ? AND status = 'held' AND expires_at > ?
  AND NOT EXISTS (SELECT 1 FROM drops d WHERE d.id = orders.drop_id AND d.cancelled_at IS NOT NULL) RETURNING *`;
const GIVE_BACK =
  'UPDATE drops SET sold = sold - ?, returned = returned + ? WHERE id = ? RETURNING sold, returned, paid';
const COUNT_PAID = 'UPDATE drops SET paid = paid + ? WHERE id = ? RETURNING sold, returned, paid';
// The tally row goes when it would reach zero (its quantity is always positive).
const TALLY_DROP = 'DELETE FROM drop_buyers WHERE drop_id = ? AND user_id = ? AND quantity <= ?';
const TALLY_LOWER = 'UPDATE drop_buyers SET quantity = quantity - ? WHERE drop_id = ? AND user_id = ? AND quantity > ?';
const WAITLIST_NEXT =
  'SELECT drop_id, user_id, joined_at FROM waitlist WHERE drop_id = ? ORDER BY joined_at, user_id LIMIT ?';
const WAITLIST_REMOVE = 'DELETE FROM waitlist WHERE drop_id = ? AND user_id = ?';
const PATCH_COLUMNS: Record<keyof PaymentPatch, string> = {
  status: 'status',
  authorizationId: 'authorization_id',
  declineCode: 'decline_code',
  attempts: 'attempts',
  leaseUntil: 'lease_until',
  updatedAt: 'updated_at',
};

const counters = (r: Row | undefined): StockCounters => ({
  sold: Number(r?.sold ?? 0),
  returned: Number(r?.returned ?? 0),
  paid: Number(r?.paid ?? 0),
});

function ended(r: Row): EndedHold {
  return {
    orderId: String(r.id),
    userId: String(r.user_id),
    dropId: String(r.drop_id),
    quantity: Number(r.quantity),
    createdAt: Number(r.created_at),
    expiresAt: Number(r.expires_at),
    unitPriceCents: Number(r.unit_price_cents),
  };
}

/**
 * The checkout writers of SQLite and PostgreSQL (TxContext.holds, .payments, .waitlist), as
 * plain statements on the unit of work's connection. Locks, on PostgreSQL, follow one order
 * everywhere: the order row (its conditional update), then the drop's row, then the tally
 * row, as the order batch takes the drop's row and then tallies; so they never deadlock.
 */
export function sqlCheckoutTx(db: SqlExec): Pick<TxContext, 'holds' | 'payments' | 'waitlist'> {
  return {
    holds: {
      async end(orderId, to, now) {
        const [row] = await db.rows(to === 'expired' ? END_EXPIRED : END_CANCELLED, [now, orderId, now]);
        return row ? ended(row) : null;
      },
      async giveBack(h) {
        const [row] = await db.rows(GIVE_BACK, [h.quantity, h.quantity, h.dropId]);
        await db.changes(TALLY_DROP, [h.dropId, h.userId, h.quantity]);
        await db.changes(TALLY_LOWER, [h.quantity, h.dropId, h.userId, h.quantity]);
        return counters(row);
      },
      async confirm(orderId, paymentId, now) {
        const [row] = await db.rows(CONFIRM, [paymentId, now, orderId, now]);
        if (!row) return null;
        const order = toOrder(row);
        const [drop] = await db.rows(COUNT_PAID, [order.quantity, order.dropId]);
        return { order, counters: counters(drop) };
      },
    },
    payments: {
      async insert(p) {
        const row = paymentColumns(p);
        const cols = Object.keys(row);
        await db.changes(
          `INSERT INTO payments (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
          Object.values(row),
        );
      },
      async advance(id, when, patch) {
        const set = (Object.keys(PATCH_COLUMNS) as Array<keyof PaymentPatch>).filter((k) => patch[k] !== undefined);
        const sql =
          `UPDATE payments SET ${set.map((k) => `${PATCH_COLUMNS[k]} = ?`).join(', ')} WHERE id = ? AND status = ?` +
          (when.leaseBefore !== undefined ? ' AND lease_until <= ?' : '');
        const params = [
          ...set.map((k) => patch[k]),
          id,
          when.status,
          ...(when.leaseBefore !== undefined ? [when.leaseBefore] : []),
        ];
        return (await db.changes(sql, params)) === 1;
      },
    },
    waitlist: {
      async next(dropId, limit) {
        const rows = await db.rows(WAITLIST_NEXT, [dropId, limit]);
        return rows.map((r) => ({
          dropId: String(r.drop_id),
          userId: String(r.user_id),
          joinedAt: Number(r.joined_at),
        }));
      },
      async remove(dropId, userId) {
        await db.changes(WAITLIST_REMOVE, [dropId, userId]);
      },
    },
  };
}

/** The stock-line flag of TxContext.drops.markLine: true only for the call that set it. */
export const MARK_LINE = 'UPDATE drops SET lines_fired = lines_fired | ? WHERE id = ? AND (lines_fired & ?) = 0';
export const lineBit = (line: 'low' | 'sold_out'): number => (line === 'low' ? 1 : 2);
/** TxContext.idempotency.replace. */
export const REPLACE_OUTCOME = 'UPDATE idempotency_keys SET outcome = ? WHERE user_id = ? AND key = ?';
