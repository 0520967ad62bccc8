import type { PassGrant, PositionNote } from '@livedrops/core';
import type { SqlExec } from './sql-checkout-tx.js';

/**
 * `WITH n AS MATERIALIZED (…)`: a JSON array of objects (the first `?` parameter) as rows `n`,
 * `text` columns as they are, `ints` as integers (null stays null), for an UPDATE … FROM n.
 * One statement writes thousands of users' values; a CASE per user costs a comparison per user
 * per row. Materialized, so the planner walks `n` and finds each row by its key: inlined,
 * SQLite scans the JSON once per row of the table (30 s for 10,000 users instead of 20 ms).
 */
function withJsonRows(db: SqlExec, text: string[], ints: string[]): string {
  const sqlite = db.engine === 'sqlite';
  const cols = [
    ...text.map((c) => (sqlite ? `value ->> '$.${c}' AS ${c}` : `value ->> '${c}' AS ${c}`)),
    ...ints.map((c) => (sqlite ? `value ->> '$.${c}' AS ${c}` : `(value ->> '${c}')::bigint AS ${c}`)),
  ];
  const from = sqlite ? 'json_each(?)' : 'json_array_elements(?::json)';
  return `WITH n AS MATERIALIZED (SELECT ${cols.join(', ')} FROM ${from})`;
}

/** `order[i]` gets rank `i` in `table` (queue_entries or draw_entries), in one statement. */
export async function rankUsers(db: SqlExec, table: string, dropId: string, order: readonly string[]): Promise<void> {
  if (order.length === 0) return;
  const sql = `${withJsonRows(db, ['u'], ['r'])} UPDATE ${table} SET rank = n.r FROM n
    WHERE ${table}.drop_id = ? AND ${table}.user_id = n.u`;
  await db.changes(sql, [JSON.stringify(order.map((u, r) => ({ u, r }))), dropId]);
}

/**
 * Positions told, in one statement whatever their number (the first step after a celebrity's
 * start tells thousands); only users still waiting and not told in the last `minGapMs`.
 * Returns whom it recorded.
 */
export async function notePositions(
  db: SqlExec,
  dropId: string,
  notes: readonly PositionNote[],
  at: number,
  minGapMs: number,
): Promise<string[]> {
  if (notes.length === 0) return [];
  const q = 'queue_entries';
  const sql = `${withJsonRows(db, ['u'], ['p', 'e'])} UPDATE ${q} SET told_position = n.p, told_eta = n.e, told_at = ?
    FROM n WHERE ${q}.drop_id = ? AND ${q}.user_id = n.u AND ${q}.state = 'waiting'
    AND (${q}.told_at IS NULL OR ${q}.told_at <= ?) RETURNING ${q}.user_id`;
  const json = JSON.stringify(notes.map((n) => ({ u: n.userId, p: n.position, e: n.eta })));
  return (await db.rows(sql, [json, at, dropId, at - minGapMs])).map((r) => String(r.user_id));
}

/** Waiting users admitted with their passes, in one statement; returns whom it admitted. */
export async function admitUsers(
  db: SqlExec,
  dropId: string,
  grants: readonly PassGrant[],
  expiresAt: number,
  at: number,
): Promise<string[]> {
  if (grants.length === 0) return [];
  const q = 'queue_entries';
  const sql = `${withJsonRows(db, ['u', 'p'], [])} UPDATE ${q} SET state = 'admitted', pass = n.p,
    pass_expires_at = ?, admitted_at = ? FROM n WHERE ${q}.drop_id = ? AND ${q}.user_id = n.u
    AND ${q}.state = 'waiting' RETURNING ${q}.user_id`;
  const json = JSON.stringify(grants.map((g) => ({ u: g.userId, p: g.pass })));
  return (await db.rows(sql, [json, expiresAt, at, dropId])).map((r) => String(r.user_id));
}
