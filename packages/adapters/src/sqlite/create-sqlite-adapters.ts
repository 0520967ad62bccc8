import type { Clock } from '@livedrops/core';
import { KnexFairnessRepository } from '../knex/knex-fairness.js';
import { KnexDrawRepository } from '../knex/knex-draws.js';
import type Database from 'better-sqlite3';
import type { Knex } from 'knex';
import type { DataAdapters } from '../data-ports.js';
import type { Instrumentation } from '../instrumentation.js';
import { KnexDropActivity } from '../knex/knex-drop-activity.js';
import { KnexFollowRepository } from '../knex/knex-follows.js';
import { KnexStreamTickets } from '../knex/knex-stream-tickets.js';
import { knexSecret } from '../knex/knex-settings.js';
import { KnexProductRepository } from '../knex/knex-products.js';
import { KnexSandboxLedger } from '../payments/sandbox-ledger.js';
import { KnexHoldRepository, KnexPaymentRepository, KnexWaitlistRepository } from '../knex/knex-checkout.js';
import { migrateLatest } from './migrate-sqlite.js';
import { SqliteCheckpointer } from './sqlite-checkpointer.js';
import { SqliteConnections } from './sqlite-connections.js';
import {
  SqliteDropRepository,
  SqliteIdempotencyStore,
  SqliteOrderRepository,
  SqliteSessionRepository,
  SqliteUserRepository,
} from './sqlite-fast-reads.js';
import { SqliteQueueRepository } from './sqlite-queues.js';
import { createSqliteKnex, isInMemory, openReader } from './sqlite-knex.js';
import { SqliteOutboxRelayStore } from './sqlite-outbox-relay.js';
import { SqliteKnexDb } from './sqlite-knex-db.js';
import { SqliteNotificationFeed } from './sqlite-notification-feed.js';
import { stmt } from './sqlite-statements.js';
import { SqliteSearchIndex } from './sqlite-search.js';
import { DirectoryBlobStore } from '../media/directory-blob-store.js';
import { MemoryBlobStore } from '../media/memory-blob-store.js';
import { mediaDirFor } from '../media/media-dir.js';
import { SqliteUnitOfWork } from './sqlite-unit-of-work.js';

export { migrateSqlite } from './migrate-sqlite.js';

export interface SqliteAdapterOptions {
  /** A file path, or ':memory:' for a database that lives as long as the adapters. */
  filename: string;
  /** Taken for parity with the other engines; every time SQLite stores arrives as an argument. */
  clock: Clock;
  /** Where the adapters report stock-decrement and lock-wait timings; nowhere by default. */
  instrumentation?: Instrumentation | undefined;
  /** Where image blobs live; default a directory beside the database file (`mediaDirFor`). */
  blobDir?: string | undefined;
}

/** The embedded engine: migrates to the latest schema, then hands out the storage ports. */
export async function createSqliteAdapters(opts: SqliteAdapterOptions): Promise<DataAdapters & { knex: Knex }> {
  const knex = createSqliteKnex(opts.filename);
  let reader: Database.Database | undefined;
  let writer: Database.Database;
  try {
    await migrateLatest(knex);
    // The pool's single connection, kept for synchronous reads between transactions.
    writer = (await knex.client.acquireConnection()) as Database.Database;
    await knex.client.releaseConnection(writer);
    // Opened after the writer has put the file in WAL mode.
    if (!isInMemory(opts.filename)) reader = openReader(opts.filename);
  } catch (e) {
    await knex.destroy();
    throw e;
  }
  const checkpointer = reader ? new SqliteCheckpointer(opts.filename, knex) : undefined;
  const connections = new SqliteConnections(knex, {
    reader,
    writer,
    checkpointer,
    instrumentation: opts.instrumentation,
  });
  const db = new SqliteKnexDb(connections);
  return {
    knex,
    users: new SqliteUserRepository(db, connections),
    sessions: new SqliteSessionRepository(db, connections),
    follows: new KnexFollowRepository(db),
    products: new KnexProductRepository(db),
    drops: new SqliteDropRepository(db, connections),
    orders: new SqliteOrderRepository(db, connections),
    idempotency: new SqliteIdempotencyStore(db, connections),
    uow: new SqliteUnitOfWork(connections),
    outbox: new SqliteOutboxRelayStore(db, connections),
    feed: new SqliteNotificationFeed(db, connections),
    tickets: new KnexStreamTickets(db),
    secret: (name: string) => knexSecret(db, name),
    blobs: isInMemory(opts.filename)
      ? new MemoryBlobStore()
      : new DirectoryBlobStore(opts.blobDir ?? mediaDirFor(opts.filename)),
    search: new SqliteSearchIndex(connections),
    holds: new KnexHoldRepository(db),
    payments: new KnexPaymentRepository(db),
    waitlist: new KnexWaitlistRepository(db),
    fairness: new KnexFairnessRepository(db),
    draws: new KnexDrawRepository(db),
    queues: new SqliteQueueRepository(db, connections),
    sandboxLedger: new KnexSandboxLedger(db, opts.clock),
    activity: new KnexDropActivity(db),
    ping: async () => {
      await connections.with((conn) => stmt(conn, 'SELECT 1').get());
    },
    close: async () => {
      await connections.close();
      await knex.destroy();
    },
  };
}
