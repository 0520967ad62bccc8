import type { Database } from 'better-sqlite3';

/**
 * The connection a transaction holds, visible to everything awaited inside it. Apart from
 * the connections, so that the group commit (which opens scopes) and the connections
 * (which hand them out) both depend on it rather than on each other.
 */
export interface SqliteScope {
  readonly conn: Database;
  /** False once the transaction ended, so a stray continuation cannot write outside it. */
  active: boolean;
}
