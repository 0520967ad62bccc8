import { cpus } from 'node:os';
import { KnexFairnessRepository } from '../knex/knex-fairness.js';
import { KnexDrawRepository } from '../knex/knex-draws.js';
import type { Clock } from '@livedrops/core';
import type { Knex } from 'knex';
import type pg from 'pg';
import type { DataAdapters } from '../data-ports.js';
import type { Instrumentation } from '../instrumentation.js';
import { KnexDropActivity } from '../knex/knex-drop-activity.js';
import { KnexFollowRepository } from '../knex/knex-follows.js';
import { KnexOrderRepository } from '../knex/knex-orders.js';
import { KnexSandboxLedger } from '../payments/sandbox-ledger.js';
import { KnexHoldRepository, KnexPaymentRepository, KnexWaitlistRepository } from '../knex/knex-checkout.js';
import { KnexProductRepository } from '../knex/knex-products.js';
import { KnexStreamTickets } from '../knex/knex-stream-tickets.js';
import { knexSecret } from '../knex/knex-settings.js';
import { KnexUserRepository } from '../knex/knex-users.js';
import { migrateLatestPg } from './migrate-postgres.js';
import { PgConnections } from './pg-connections.js';
import { guardPort } from './pg-errors.js';
import { PgDropRepository, PgIdempotencyStore, PgSessionRepository } from './pg-fast-reads.js';
import { PgKnexDb } from './pg-knex-db.js';
import { PgNotificationFeed } from './pg-notification-feed.js';
import { PgOrderBook } from './pg-order-book.js';
import { PgOutboxRelayStore } from './pg-outbox-relay.js';
import { PgOutboxSequencer } from './pg-outbox-sequencer.js';
import { PgQueueRepository } from './pg-queue-joins.js';
import { createPgKnex, createPgPool, type PgPoolOptions } from './pg-pool.js';
import { PgUnitOfWork } from './pg-unit-of-work.js';
import { PgBlobStore } from './pg-blob-store.js';
import { PgSearchIndex } from './pg-search.js';

export { migratePostgres } from './migrate-postgres.js';

export interface PostgresAdapterOptions extends PgPoolOptions {
  /** Taken for parity with the other engines; every time stored arrives as an argument. */
  clock: Clock;
  /** Where the adapters report stock-decrement and pool-wait timings; nowhere by default. */
  instrumentation?: Instrumentation | undefined;
  /** Run pending migrations first (default true; the test harness migrates once per run). */
  migrate?: boolean | undefined;
}

/** The production engine: PostgreSQL through one small pg pool shared by knex and the order path. */
export async function createPostgresAdapters(
  opts: PostgresAdapterOptions,
): Promise<DataAdapters & { knex: Knex; pool: pg.Pool }> {
  const pool = createPgPool(opts);
  const knex = createPgKnex(pool);
  try {
    if (opts.migrate !== false) await migrateLatestPg(pool, knex);
  } catch (e) {
    await knex.destroy();
    await pool.end();
    throw e;
  }
  // The order path's single-statement reads get connections of their own (pg-connections.ts):
  // one per core, so with the transaction pool's two the instance stays within 2–4 per core.
  const readPool = createPgPool({
    ...opts,
    max: Math.max(2, cpus().length),
    applicationName: `${opts.applicationName ?? 'livedrops'}-reads`,
  });
  const connections = new PgConnections(pool, knex, { instrumentation: opts.instrumentation, readPool });
  const db = new PgKnexDb(connections);
  // The relay holds a claim while it publishes: on a pool of its own it neither waits behind
  // a flash sale's orders for a connection (notifications stay within their 2 s) nor takes one from them.
  const relayPool = createPgPool({ ...opts, max: 2 });
  const sequencer = new PgOutboxSequencer(relayPool);
  const outbox = new PgOutboxRelayStore(relayPool);
  // Every port answers UnavailableError when the database is unreachable (pg-errors.ts).
  // Connections open now, not under the first storm's requests (each costs a TLS-less
  // handshake and authentication of a few ms, which a fresh instance's first second felt).
  await Promise.all([
    ...fill(pool, opts.max ?? Math.max(2, 2 * cpus().length)),
    ...fill(readPool, Math.max(2, cpus().length)),
  ]).catch(() => undefined);
  return {
    knex,
    pool,
    users: guardPort(new KnexUserRepository(db)),
    sessions: guardPort(new PgSessionRepository(db, connections)),
    follows: guardPort(new KnexFollowRepository(db)),
    products: guardPort(new KnexProductRepository(db)),
    drops: guardPort(new PgDropRepository(db, connections)),
    orders: guardPort(new KnexOrderRepository(db)),
    idempotency: guardPort(new PgIdempotencyStore(db, connections)),
    uow: guardPort(new PgUnitOfWork(connections)),
    outbox: guardPort(outbox),
    feed: guardPort(new PgNotificationFeed(db, sequencer)),
    tickets: guardPort(new KnexStreamTickets(db)),
    secret: (name: string) => knexSecret(db, name),
    // Reads of search and media share the order path's read pool: single statements, no transaction.
    blobs: guardPort(new PgBlobStore(readPool)),
    search: guardPort(new PgSearchIndex(readPool)),
    holds: guardPort(new KnexHoldRepository(db)),
    payments: guardPort(new KnexPaymentRepository(db)),
    waitlist: guardPort(new KnexWaitlistRepository(db)),
    fairness: guardPort(new KnexFairnessRepository(db)),
    draws: guardPort(new KnexDrawRepository(db)),
    queues: guardPort(new PgQueueRepository(db, pool)),
    sandboxLedger: guardPort(new KnexSandboxLedger(db, opts.clock)),
    activity: guardPort(new KnexDropActivity(db)),
    orderBook: (o) => guardPort(new PgOrderBook(pool, o)),
    ping: async () => {
      await pool.query('SELECT 1');
    },
    close: async () => {
      await outbox.close();
      await relayPool.end();
      await knex.destroy();
      await pool.end();
      await readPool.end();
    },
  };
}

/** `n` concurrent trivial queries: the pool opens up to `n` connections and keeps them idle. */
function fill(pool: pg.Pool, n: number): Array<Promise<unknown>> {
  return Array.from({ length: n }, () => pool.query('SELECT 1'));
}
