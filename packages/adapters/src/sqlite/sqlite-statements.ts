import type { Database, Statement } from 'better-sqlite3';

// Preparing costs about as much as running a small statement; the hot path runs the
// same few thousands of times a second, so each connection keeps its own compiled set.
// A WeakMap lets a connection the pool replaces take its statements with it.
const cache = new WeakMap<Database, Map<string, Statement>>();

/** The connection's prepared statement for `sql`, compiled on first use. */
export function stmt(conn: Database, sql: string): Statement {
  let byText = cache.get(conn);
  if (!byText) {
    byText = new Map();
    cache.set(conn, byText);
  }
  let s = byText.get(sql);
  if (!s) {
    s = conn.prepare(sql);
    byText.set(sql, s);
  }
  return s;
}
