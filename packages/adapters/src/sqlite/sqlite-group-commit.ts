import { UnavailableError } from '@livedrops/core';
import type { Database } from 'better-sqlite3';
import type { Knex } from 'knex';
import { NO_INSTRUMENTATION, type Instrumentation } from '../instrumentation.js';
import type { SqliteScope } from './sqlite-scope.js';
import { stmt } from './sqlite-statements.js';

type Work<T> = (scope: SqliteScope) => Promise<T>;
type RunInScope = <T>(scope: SqliteScope, work: Work<T>) => Promise<T>;
export interface GroupCommitHooks {
  instrumentation?: Instrumentation | undefined;
  /** Called after each successful COMMIT. */
  afterCommit?: (() => void) | undefined;
  /** Called when a batch has settled, committed or not, before the next one is scheduled. */
  afterBatch?: (() => void) | undefined;
}

interface Waiting {
  work: Work<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  /** performance.now() when queued, for the lock-wait metric. */
  queuedAt: number;
}

// Enough to amortise a commit over a full burst of concurrent requests; small enough
// that the first caller's wait stays short and other queries get the writer between batches.
const MAX_BATCH = 128;

/**
 * Group commit. On a WAL file the COMMIT (writing the pages to the log) costs more than
 * an order's statements; units of work that queue up go together: one BEGIN IMMEDIATE …
 * COMMIT, each unit inside its own SAVEPOINT, so a unit that throws rolls back alone.
 * Each caller hears back only after the COMMIT, so nothing is acknowledged before it is
 * durable, and a failed COMMIT fails them all (none of them committed). Units run one
 * after another on the held connection, so each sees the ones before it, exactly as
 * with separate transactions.
 *
 * A batch starts on `setImmediate`, not at once: requests parsed in the same turn of the
 * event loop (all the sockets that were readable) queue first and share the COMMIT.
 * Starting at once would commit the first request alone, while the others are still
 * being parsed, and under load most batches would hold a single unit.
 */
export class GroupCommit {
  private readonly queue: Waiting[] = [];
  private scheduled = false;
  private draining = false;
  private readonly start = (): void => {
    this.scheduled = false;
    // A batch settles its own units; what can still fail here is handing the connection
    // back to a pool that is being destroyed (shutdown), which nobody is waiting on.
    this.drain().catch(() => undefined);
  };

  private readonly instrumentation: Instrumentation;
  private readonly afterCommit: () => void;
  private readonly afterBatch: () => void;

  constructor(
    private readonly knex: Knex,
    private readonly runInScope: RunInScope,
    hooks: GroupCommitHooks = {},
  ) {
    this.instrumentation = hooks.instrumentation ?? NO_INSTRUMENTATION;
    this.afterCommit = hooks.afterCommit ?? (() => undefined);
    this.afterBatch = hooks.afterBatch ?? (() => undefined);
  }

  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject, queuedAt: performance.now() });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.draining || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(this.start);
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      await this.batch();
    } finally {
      this.draining = false;
      this.afterBatch();
      // Whatever queued while this batch ran goes in the next one, after the event loop
      // has had a turn to parse more requests into it.
      this.schedule();
    }
  }

  private async batch(): Promise<void> {
    let conn: Database | undefined;
    let units: Waiting[] = [];
    const settled: Array<() => void> = [];
    try {
      conn = (await this.knex.client.acquireConnection()) as Database;
      // Taken only now: whoever queued while we waited for the connection rides along.
      units = this.queue.splice(0, MAX_BATCH);
      this.begin(conn);
      for (const unit of units) settled.push(await this.unit(conn, unit));
      stmt(conn, 'COMMIT').run();
      this.afterCommit();
      for (const settle of settled) settle();
    } catch (e) {
      // A failed COMMIT (or BEGIN) means no unit of the batch committed.
      rollback(conn);
      if (units.length === 0) units = this.queue.splice(0); // the pool failed us: nobody can run
      for (const unit of units) unit.reject(e);
    } finally {
      if (conn) await this.knex.client.releaseConnection(conn);
    }
  }

  /** Runs one unit in its savepoint; returns how to tell its caller once the batch is settled. */
  private async unit(conn: Database, unit: Waiting): Promise<() => void> {
    this.instrumentation.lockWait((performance.now() - unit.queuedAt) / 1000);
    const scope: SqliteScope = { conn, active: true };
    stmt(conn, 'SAVEPOINT unit').run();
    try {
      const value = await this.runInScope(scope, unit.work);
      scope.active = false;
      stmt(conn, 'RELEASE unit').run();
      return () => unit.resolve(value);
    } catch (e) {
      scope.active = false;
      stmt(conn, 'ROLLBACK TO unit').run();
      stmt(conn, 'RELEASE unit').run();
      return () => unit.reject(e);
    }
  }

  /** IMMEDIATE takes the write lock up front; another process holding it past busy_timeout is an outage. */
  private begin(conn: Database): void {
    try {
      stmt(conn, 'BEGIN IMMEDIATE').run();
    } catch (e) {
      if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
        this.instrumentation.busy();
        throw new UnavailableError('database');
      }
      throw e;
    }
  }
}

/** Best effort: SQLite may already have rolled back on its own (SQLITE_FULL, an I/O error). */
function rollback(conn: Database | undefined): void {
  try {
    if (conn?.inTransaction) stmt(conn, 'ROLLBACK').run();
  } catch {
    // Nothing left to undo; the callers are being rejected with the original error.
  }
}
