/**
 * Recognises a unique-constraint violation on `table.column` from either engine, so a
 * repository can turn exactly that case into a domain error and let anything else
 * surface as an internal failure (whose message never reaches a client).
 */
export function isUniqueViolation(err: unknown, table: string, column: string): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; message?: unknown; constraint?: unknown };
  // better-sqlite3: SQLITE_CONSTRAINT_UNIQUE, "UNIQUE constraint failed: users.handle"
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return typeof e.message === 'string' && new RegExp(`\\b${table}\\.${column}\\b`).test(e.message);
  }
  // pg: unique_violation, with the index name (ours are named `<table>_<column>_…`)
  if (e.code === '23505') {
    return typeof e.constraint === 'string' && e.constraint.startsWith(`${table}_${column}`);
  }
  return false;
}
