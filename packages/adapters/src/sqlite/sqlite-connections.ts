import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database } from 'better-sqlite3';
import type { Knex } from 'knex';
import { NO_INSTRUMENTATION, type Instrumentation } from '../instrumentation.js';
import type { SqliteCheckpointer } from './sqlite-checkpointer.js';
import { GroupCommit } from './sqlite-group-commit.js';
import type { SqliteScope } from './sqlite-scope.js';

export interface SqliteConnectionsOptions {
  /**
   * A second connection on the same file, used only to read (file databases only: a
   * second `:memory:` connection would be another database). In WAL mode it sees exactly
   * what was committed and never waits for the writer, nor makes it wait.
   */
  reader?: Database | undefined;
  /**
   * The pool's connection itself, for reads made while it is not in a transaction: its page
   * cache is warm (it wrote the pages), where the reader's is dropped after every commit.
   */
  writer?: Database | undefined;
  instrumentation?: Instrumentation | undefined;
  /** Takes WAL checkpoints off the event loop (file databases); started once writes begin. */
  checkpointer?: SqliteCheckpointer | undefined;
}

// Batches committed before the checkpoint thread starts: a database that is only read,
// or barely written (most test databases), never pays for a thread.
const CHECKPOINTER_AFTER_COMMITS = 64;

/**
 * Access to the engine's connections. The writer is the knex pool's single connection;
 * a transaction holds it for its whole life (BEGIN IMMEDIATE … COMMIT), which makes it
 * exclusive in this process: queries from elsewhere wait in the pool instead of
 * interleaving. Queries awaited *inside* the transaction (a repository read inside
 * `uow.run`, a knex repository's own transaction) must not wait for the pool, which
 * they would forever; the async-local scope routes them to the held connection.
 *
 * Reads made outside any transaction run synchronously, with no pool round trip and no
 * wait behind a group-commit batch: on the writer while no transaction is open on it, on
 * the reader connection while one is (see `read`). Freshness holds because a unit of
 * work's caller hears back only after its COMMIT, so any read started after that answer
 * sees it, on either connection.
 */
export class SqliteConnections {
  private readonly als = new AsyncLocalStorage<SqliteScope>();
  private readonly commits: GroupCommit;
  readonly reader: Database | undefined;
  private readonly writer: Database | undefined;
  readonly instrumentation: Instrumentation;
  private readonly checkpointer: SqliteCheckpointer | undefined;
  private commitCount = 0;

  constructor(
    readonly knex: Knex,
    opts: SqliteConnectionsOptions = {},
  ) {
    this.reader = opts.reader;
    this.writer = opts.writer;
    this.instrumentation = opts.instrumentation ?? NO_INSTRUMENTATION;
    this.checkpointer = opts.checkpointer;
    this.commits = new GroupCommit(knex, (scope, work) => this.als.run(scope, () => work(scope)), {
      instrumentation: this.instrumentation,
      afterCommit: () => {
        if (++this.commitCount === CHECKPOINTER_AFTER_COMMITS) this.checkpointer?.start();
      },
      // While any AsyncLocalStorage is enabled, Node 20 runs promise hooks on every promise
      // in the process (about 10 µs per order). Scopes are entered only inside a batch and
      // every unit has finished when the batch settles, so the storage is enabled only while
      // a batch runs (`run` enables it again): request parsing, routing and responses, the
      // bulk of the promises, run without the hooks.
      afterBatch: () => this.als.disable(),
    });
  }

  /** The running transaction's scope in this async context, if any. */
  current(): SqliteScope | undefined {
    const scope = this.als.getStore();
    return scope?.active ? scope : undefined;
  }

  /** Runs synchronous driver work on the writer: the transaction's connection, or the pool's. */
  async with<T>(fn: (conn: Database) => T): Promise<T> {
    const scope = this.current();
    if (scope) return fn(scope.conn);
    return this.pooled(fn);
  }

  /**
   * Runs a synchronous read. Inside a transaction: on its connection (it sees its own
   * writes). Outside: on the writer when no transaction is open on it (between group-commit
   * batches, where requests are parsed and authenticated: it sees every commit, and its
   * cache is warm), else on the reader (a batch is open: the reader sees what committed
   * before it), else, with no reader (`:memory:`), on the pool's connection once the batch is done.
   */
  read<T>(fn: (conn: Database) => T): T | Promise<T> {
    const scope = this.current();
    if (scope) return fn(scope.conn);
    const writer = this.writer;
    if (writer?.open && !writer.inTransaction) return fn(writer);
    if (this.reader) return fn(this.reader);
    return this.pooled(fn);
  }

  private async pooled<T>(fn: (conn: Database) => T): Promise<T> {
    const conn = (await this.knex.client.acquireConnection()) as Database;
    try {
      return fn(conn);
    } finally {
      await this.knex.client.releaseConnection(conn);
    }
  }

  /**
   * Runs `work` atomically: it commits, or (when it throws) none of its writes do.
   * A call made inside another transaction joins it.
   */
  transaction<T>(work: (scope: SqliteScope) => Promise<T>): Promise<T> {
    const outer = this.current();
    return outer ? work(outer) : this.commits.run(work);
  }

  /** Binds a knex builder to the running transaction's connection, if there is one. */
  bind<B extends { connection(conn: unknown): B }>(builder: B): B {
    const scope = this.current();
    return scope ? builder.connection(scope.conn) : builder;
  }

  /** Stops the checkpoint thread and closes the reader; the writer is knex's to close. */
  async close(): Promise<void> {
    await this.checkpointer?.stop();
    this.reader?.close();
  }
}
