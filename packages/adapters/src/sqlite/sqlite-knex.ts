import Database from 'better-sqlite3';
import knexFactory, { type Knex } from 'knex';

/** `:memory:` (and SQLite's anonymous temporary database, '') live in one connection only. */
export function isInMemory(filename: string): boolean {
  return filename === ':memory:' || filename === '';
}

/**
 * The one knex instance of a SQLite engine. A single pooled connection is the single
 * writer SQLite allows anyway, and the only way `:memory:` stays one database; holding
 * it (see SqliteConnections) is what makes a transaction exclusive inside the process.
 */
export function createSqliteKnex(filename: string): Knex {
  const inMemory = isInMemory(filename);
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      // tarn would otherwise close an idle connection, and with it a `:memory:` database.
      idleTimeoutMillis: Number.MAX_SAFE_INTEGER,
      afterCreate(conn: Database.Database, done: (err: Error | null, conn: Database.Database) => void) {
        try {
          // WAL lets readers (our reader connection, the CLI, a checker) run beside the writer;
          // NORMAL sync is durable across process crashes, and only an OS crash can lose
          // the last commits: the usual WAL trade for write throughput.
          if (!inMemory) conn.pragma('journal_mode = WAL');
          conn.pragma('busy_timeout = 5000');
          conn.pragma('foreign_keys = ON');
          conn.pragma('synchronous = NORMAL');
          done(null, conn);
        } catch (e) {
          done(e as Error, conn);
        }
      },
    },
  });
}

/**
 * The read-only second connection of a file database. It only ever runs single
 * statements outside any explicit transaction, so each read sees the latest commit and
 * holds its snapshot only for that statement (a long-lived snapshot would stop
 * checkpoints from recycling the WAL).
 */
export function openReader(filename: string): Database.Database {
  const reader = new Database(filename, { readonly: true, fileMustExist: true });
  try {
    // A reader waits only while a checkpoint restarts the WAL or a crashed writer is recovered.
    reader.pragma('busy_timeout = 5000');
    return reader;
  } catch (e) {
    reader.close();
    throw e;
  }
}
