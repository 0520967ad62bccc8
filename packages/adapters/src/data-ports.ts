import type { OrderBook, OutboxRelayStore, Ports } from '@livedrops/core';
import type { PgOrderBookOptions } from './postgres/pg-order-book.js';
import type { SandboxLedger } from './payments/sandbox-ledger.js';

/** The ports a storage engine (memory, SQLite, Postgres) provides; the rest are system adapters. */
export type DataPorts = Pick<
  Ports,
  | 'users'
  | 'sessions'
  | 'follows'
  | 'products'
  | 'drops'
  | 'orders'
  | 'idempotency'
  | 'uow'
  | 'feed'
  | 'tickets'
  | 'blobs'
  | 'search'
  | 'holds'
  | 'payments'
  | 'waitlist'
  | 'activity'
  | 'fairness'
  | 'draws'
  | 'queues'
> & {
  outbox: OutboxRelayStore;
};

/** A storage engine's adapters plus how to let go of its connections. */
export interface DataAdapters extends DataPorts {
  /** Answers when the engine is reachable (for /readyz); throws otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** A per-deployment random secret, made and stored on first use; none on the memory engine (volatile anyway). */
  secret?(name: string): Promise<string>;
  /** Where the sandbox payment gateway keeps its ledger: this engine's database (in memory on the memory engine). */
  sandboxLedger: SandboxLedger;
  /** The engine's own OrderBook, when it has one (PostgreSQL batches); else one unit of work per order. */
  orderBook?(opts: PgOrderBookOptions): OrderBook;
}
