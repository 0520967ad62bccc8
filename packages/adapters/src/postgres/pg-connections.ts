import { AsyncLocalStorage } from 'node:async_hooks';
import type { Knex } from 'knex';
import type pg from 'pg';
import { NO_INSTRUMENTATION, type Instrumentation } from '../instrumentation.js';
import { DeferredWrites } from './pg-deferred-writes.js';
import { isRetryable, isUnavailable } from './pg-errors.js';

/** The connection a transaction holds, visible to everything awaited inside it. */
export interface PgScope {
  readonly client: pg.PoolClient;
  /** False once the transaction ended, so a stray continuation cannot write outside it. */
  active: boolean;
  /** Whether BEGIN was sent: a unit opens its transaction only when its first statement needs one. */
  readonly begun: boolean;
  /** Sends BEGIN, once; every statement of the unit on `client` comes after it. */
  begin(): Promise<void>;
  /** Before a statement of the unit: the held writes are sent and the transaction is open. */
  ready(): Promise<void>;
  /** Writes held back until COMMIT or the unit's next statement (pg-deferred-writes.ts). */
  readonly writes: DeferredWrites;
  /** The client as knex repositories inside the unit see it: it sends the held writes first. */
  forKnex?: pg.PoolClient;
}

export interface PgConnectionsOptions {
  instrumentation?: Instrumentation | undefined;
  /** Runs of one transaction when Postgres reports a deadlock or serialization failure. */
  maxAttempts?: number | undefined;
  /**
   * Where single statements outside a transaction go (the session, idempotency and drop
   * reads every order makes); the transaction pool by default. In a flash sale most of the
   * transaction pool waits on the drop's row lock, and a read queued behind those waiters
   * would wait for the whole sale's lock queue instead of a millisecond.
   */
  readPool?: pg.Pool | undefined;
}

/**
 * Transactions on the pool. A transaction holds one client from BEGIN to COMMIT; queries
 * awaited inside it (a repository read inside `uow.run`, a knex repository's own
 * transaction) find that client through an async-local scope, so they join it instead of
 * taking a second connection, which with a small pool and many concurrent units of work
 * could wait forever. READ COMMITTED: every decision that matters is a conditional
 * write that re-checks the newest row version under its lock, so nothing needs more.
 */
export class PgConnections {
  private readonly als = new AsyncLocalStorage<PgScope>();
  private open = 0;
  readonly instrumentation: Instrumentation;
  private readonly maxAttempts: number;
  private readonly readPool: pg.Pool;

  constructor(
    readonly pool: pg.Pool,
    readonly knex: Knex,
    opts: PgConnectionsOptions = {},
  ) {
    this.instrumentation = opts.instrumentation ?? NO_INSTRUMENTATION;
    this.maxAttempts = opts.maxAttempts ?? 3;
    this.readPool = opts.readPool ?? pool;
  }

  /** The running transaction's scope in this async context, if any. */
  current(): PgScope | undefined {
    const scope = this.als.getStore();
    return scope?.active ? scope : undefined;
  }

  /** One statement: inside a transaction on its client (after the writes it holds), else on the read pool. */
  async query(config: pg.QueryConfig): Promise<pg.QueryResult> {
    const scope = this.current();
    if (!scope) return this.readPool.query(config);
    await scope.ready();
    return scope.client.query(config);
  }

  /** Binds a knex builder to the running transaction's client, if there is one. */
  bind<B extends { connection(conn: unknown): B }>(builder: B): B {
    const scope = this.current();
    if (!scope) return builder;
    if (!scope.forKnex) {
      // knex calls `query(config, callback)` on the connection it is given.
      const client = scope.client;
      type Callback = (err: Error | null, res?: unknown) => void;
      const view = Object.create(client) as pg.PoolClient;
      Object.defineProperty(view, 'query', {
        value: (config: pg.QueryConfig, cb: Callback) => void scope.ready().then(() => client.query(config, cb), cb),
      });
      scope.forKnex = view;
    }
    return builder.connection(scope.forKnex);
  }

  /**
   * Runs `work` atomically: it commits, or (when it throws) none of its writes do. A call
   * made inside another transaction joins it. A deadlock or serialization failure runs the
   * whole transaction again, a bounded number of times (the work must not have effects
   * outside the database that cannot repeat; ours only write through the scope).
   */
  async transaction<T>(work: (scope: PgScope) => Promise<T>): Promise<T> {
    const outer = this.current();
    if (outer) return work(outer);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(work);
      } catch (e) {
        if (!isRetryable(e) || attempt >= this.maxAttempts) throw e;
        // Jittered, so the transactions that deadlocked do not meet again in step.
        await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
      }
    }
  }

  private async once<T>(work: (scope: PgScope) => Promise<T>): Promise<T> {
    const waited = performance.now();
    const client = await this.pool.connect();
    this.instrumentation.lockWait((performance.now() - waited) / 1000);
    let begun: Promise<unknown> | undefined;
    const scope: PgScope = {
      client,
      active: true,
      get begun() {
        return begun !== undefined;
      },
      begin: () => (begun ??= client.query('BEGIN ISOLATION LEVEL READ COMMITTED')).then(() => undefined),
      ready: async () => {
        await scope.writes.flush();
        await scope.begin();
      },
      writes: new DeferredWrites(client, () => scope.begin()),
    };
    let broken: Error | undefined;
    this.open++;
    try {
      const result = await this.als.run(scope, () => work(scope));
      // A refused order writes only its idempotency record: one statement is atomic on its
      // own, so it goes without BEGIN/COMMIT, one round trip (and one connection hold) not three.
      if (!scope.begun && scope.writes.keyOnly()) {
        await scope.writes.flush({ autocommit: true });
        return result;
      }
      await scope.writes.flush();
      if (!scope.begun) return result; // nothing was read or written inside
      // A statement that failed inside `work`, caught there, leaves the transaction aborted,
      // and COMMIT then quietly rolls back: that must not pass for success.
      const commit = await client.query('COMMIT');
      if (commit.command === 'ROLLBACK')
        throw new Error('the transaction was aborted by a failed statement and rolled back');
      return result;
    } catch (e) {
      if (scope.begun) await client.query('ROLLBACK').catch((err: Error) => (broken = err));
      // With no transaction to roll back, a lost connection is only known by the error itself.
      else if (isUnavailable(e)) broken = e as Error;
      throw e;
    } finally {
      scope.active = false;
      // A client whose ROLLBACK failed is in an unknown state: the pool destroys it.
      client.release(broken);
      // Node runs promise hooks on every promise while any AsyncLocalStorage is enabled;
      // only transactions need it, so it is on only while one is open (`run` re-enables it).
      if (--this.open === 0) this.als.disable();
    }
  }
}
