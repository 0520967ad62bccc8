import { cpus } from 'node:os';
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';

export interface PgPoolOptions {
  /** `postgres://user@host:port/database` */
  url: string;
  /** Connections in the pool; default 2 per core, at least 2 (a relay claim holds one). */
  max?: number | undefined;
  /** Any one statement is cancelled after this long (ms). */
  statementTimeoutMs?: number | undefined;
  /** How long to wait for a new connection before answering "unavailable" (ms). */
  connectTimeoutMs?: number | undefined;
  /** Reported to the server (pg_stat_activity). */
  applicationName?: string | undefined;
}

const INT8 = 20;
const NUMERIC = 1700;
const JSON_OID = 114;
const JSONB = 3802;

/**
 * Type parsers for this pool only, never pg's global registry (another library in the
 * process may want bigint strings). Counts, sums and epoch-ms BIGINT columns come back as
 * numbers (all ours stay far below 2^53); json/jsonb come back as text, as SQLite's do, so
 * the shared row mappers parse them the same way on both engines.
 */
const TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8 || oid === NUMERIC) return (text: string) => Number(text);
    if (oid === JSON_OID || oid === JSONB) return (text: string) => text;
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * A small pool: Postgres does best with few connections per core, and every unit of work
 * holds one only for its few statements. keepAlive notices a dead peer behind a NAT or
 * load balancer; a dead connection is dropped from the pool on release and a new one is
 * made on demand, so the engine comes back by itself when the server does.
 */
export function createPgPool(opts: PgPoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.max ?? Math.max(2, 2 * cpus().length),
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    statement_timeout: opts.statementTimeoutMs ?? 10_000,
    application_name: opts.applicationName ?? 'livedrops',
    types: TYPES,
  });
  // A connection the server closes (restart, admin shutdown, a failover) emits 'error',
  // which with no listener crashes the process: the pool listens for idle ones (and drops
  // them); a checked-out one, say a relay claim held while it publishes, gets its own
  // listener. Its holder then learns of it from its next query, which fails (and maps to
  // UnavailableError), and releasing it with that error drops it from the pool.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/** knex over the same pool, for the shared repositories and the migrations. */
export function createPgKnex(pool: pg.Pool): Knex {
  return knexFactory({
    client: 'pg',
    connectionPool: pool,
    log: {
      // A refused connection reaches the caller as UnavailableError (and the server logs the
      // 503); knex would also print its stack to the console on every request meanwhile.
      warn: (message: string) => {
        if (!message.startsWith('Acquire connection error')) console.warn(message);
      },
    },
  } as Knex.Config);
}
