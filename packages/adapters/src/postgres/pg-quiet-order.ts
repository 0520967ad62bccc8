import type { QuietWrites, ReserveRequest, ReserveResult } from '@livedrops/core';
import type pg from 'pg';

/** SQLSTATE of `livedrops_decline()` (migration 0006): the statement undid itself. */
const DECLINED = 'LD001';

// A whole confirmed order that crosses no stock line, as ONE autocommit statement: the
// buyer's tally (when the drop has a limit), the conditional decrement, the order row, its
// `order.confirmed` outbox row and the idempotency record. The drop's hot row is locked
// from the decrement to the implicit COMMIT inside the server, so its lock no longer waits
// on this process's event loop between statements (under load the reply to one statement
// could sit there for milliseconds while every other buyer of the drop queued behind it).
// Lock order is the multi-statement path's: tally row, then the drop's row.
//   t: bump the tally within the limit (a fresh row only when the quantity itself fits);
//   s: decrement only if the tally passed, and only if it leaves more than `above` units;
//   o, e, k: the rows, written only if s did;
//   the final SELECT aborts the statement (every row above with it) when the tally was
//   bumped but the stock refused, or when the key was already taken.
const QUIET_ORDER = {
  name: 'ld_quiet_order',
  text: `WITH t AS (
      INSERT INTO drop_buyers (drop_id, user_id, quantity) SELECT $1::text, $2::text, $3::int WHERE $4::int IS NOT NULL AND $3::int <= $4::int
      ON CONFLICT (drop_id, user_id) DO UPDATE SET quantity = drop_buyers.quantity + EXCLUDED.quantity
      WHERE drop_buyers.quantity + EXCLUDED.quantity <= $4::int RETURNING 1),
    s AS (
      UPDATE drops SET sold = sold + $3::int
      WHERE id = $1::text AND cancelled_at IS NULL AND sold + $3::int <= total AND total - sold - $3::int > $5::int
        AND ($4::int IS NULL OR EXISTS (SELECT 1 FROM t))
      RETURNING sold, total),
    o AS (
      INSERT INTO orders (id, user_id, drop_id, quantity, unit_price_cents, total_cents, currency, status, created_at)
      SELECT $6::text, $2::text, $1::text, $3::int, $7::int8, $8::int8, $9::text, $10::text, $11::int8 FROM s),
    e AS (
      INSERT INTO outbox (id, type, drop_id, creator_id, user_id, data, created_at, fanout)
      SELECT ev.* FROM unnest($12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::jsonb[], $18::int8[], $19::text[]) AS ev
      WHERE EXISTS (SELECT 1 FROM s)),
    k AS (
      INSERT INTO idempotency_keys (user_id, key, fingerprint, outcome, created_at)
      SELECT $2::text, $20::text, $21::text, $22::jsonb, $23::int8 FROM s
      ON CONFLICT (user_id, key) DO NOTHING RETURNING 1)
    SELECT s.sold, s.total,
      CASE WHEN s.sold IS NULL AND EXISTS (SELECT 1 FROM t) THEN livedrops_decline('stock refused after the tally')
           WHEN s.sold IS NOT NULL AND NOT EXISTS (SELECT 1 FROM k) THEN livedrops_decline('idempotency key taken')
      END AS declined
    FROM (SELECT 1) AS one LEFT JOIN s ON true`,
};

/**
 * The one-statement order: `recorded: true` when it committed everything, else `null`
 * (nothing was written: the order crosses a line, is refused, or met a taken key) and the
 * caller takes the multi-statement path, which decides and explains every such case.
 */
export async function quietOrderOn(client: pg.ClientBase, r: ReserveRequest & { ifQuiet: QuietWrites }): Promise<ReserveResult | null> {
  const { above, order, events, record } = r.ifQuiet;
  // The statement writes the order for the request's buyer, drop and quantity: anything else is not this shortcut's case.
  if (order.userId !== r.userId || order.dropId !== r.dropId || order.quantity !== r.quantity || record.userId !== r.userId) return null;
  const col = <T>(pick: (ev: QuietWrites['events'][number]) => T) => events.map(pick);
  try {
    const res = await client.query({
      ...QUIET_ORDER,
      values: [
        r.dropId, r.userId, r.quantity, r.perUserLimit, above,
        order.id, order.unitPriceCents, order.totalCents, order.currency, order.status, order.createdAt,
        col((x) => x.id), col((x) => x.type), col((x) => x.dropId), col((x) => x.creatorId), col((x) => x.userId),
        col((x) => JSON.stringify(x.data)), col((x) => x.createdAt), col((x) => x.fanout ?? null),
        record.key, record.fingerprint, JSON.stringify(record.outcome), record.createdAt,
      ],
    });
    const row = res.rows[0] as { sold: number | null; total: number | null } | undefined;
    return row?.sold != null && row.total != null ? { ok: true, sold: row.sold, total: row.total, recorded: true } : null;
  } catch (e) {
    if ((e as { code?: unknown }).code === DECLINED) return null;
    throw e;
  }
}
