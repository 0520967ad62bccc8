import type { Drop, IdempotencyRecord, Order, User } from '@livedrops/core';
import { KnexDropRepository } from '../knex/knex-drops.js';
import type { KnexDb } from '../knex/knex-db.js';
import { KnexIdempotencyStore, toIdempotencyRecord } from '../knex/knex-idempotency.js';
import { KnexOrderRepository } from '../knex/knex-orders.js';
import { ORDER_SELECT, toDrop, toOrder, toUser, type Row } from '../knex/knex-rows.js';
import { KnexSessionRepository } from '../knex/knex-sessions.js';
import { KnexUserRepository } from '../knex/knex-users.js';
import type { SqliteConnections } from './sqlite-connections.js';
import { stmt } from './sqlite-statements.js';

// The reads every request or every order makes (the session behind a bearer token, the
// idempotency lookup, the drop) skip knex: no query building, no pool round trip, a
// cached prepared statement, and outside a unit of work the reader connection, which
// never waits behind the writer. Same SQL and row mapping as the knex versions.
// Only what `toUser` maps: the password hash stays in the table.
const USER_COLUMNS = 'u.id, u.handle, u.display_name, u.is_creator, u.created_at';
const SESSION_USER = `SELECT ${USER_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id
  WHERE s.token_hash = ? AND s.revoked_at IS NULL`;
const USER_BY_ID = `SELECT ${USER_COLUMNS} FROM users u WHERE u.id = ?`;
const DROP_BY_ID = `SELECT d.*, p.title AS product_title, p.image AS product_image FROM drops d
  JOIN products p ON p.id = d.product_id WHERE d.id = ?`;
const IDEMPOTENCY_BY_KEY = 'SELECT * FROM idempotency_keys WHERE user_id = ? AND key = ?';
const ORDER_BY_ID = `${ORDER_SELECT} WHERE o.id = ?`;
// The sweeper's chunk: the oldest keys first, through the age index.
const IDEMPOTENCY_PURGE = `DELETE FROM idempotency_keys WHERE rowid IN
  (SELECT rowid FROM idempotency_keys WHERE created_at < ? ORDER BY created_at LIMIT ?)`;

export class SqliteSessionRepository extends KnexSessionRepository {
  constructor(
    db: KnexDb,
    private readonly connections: SqliteConnections,
  ) {
    super(db);
  }

  override async findUser(tokenHash: string): Promise<User | null> {
    const row = await this.connections.read((conn) => stmt(conn, SESSION_USER).get(tokenHash) as Row | undefined);
    return row ? toUser(row) : null;
  }

  /** One prepared read per hash: microseconds each on this process's own file, no knex. */
  override async findUsers(tokenHashes: readonly string[]): Promise<Map<string, User>> {
    const found = new Map<string, User>();
    for (const hash of tokenHashes) {
      const user = await this.findUser(hash);
      if (user) found.set(hash, user);
    }
    return found;
  }
}

export class SqliteUserRepository extends KnexUserRepository {
  constructor(
    db: KnexDb,
    private readonly connections: SqliteConnections,
  ) {
    super(db);
  }

  override async findById(id: string): Promise<User | null> {
    const row = await this.connections.read((conn) => stmt(conn, USER_BY_ID).get(id) as Row | undefined);
    return row ? toUser(row) : null;
  }
}

export class SqliteDropRepository extends KnexDropRepository {
  constructor(
    db: KnexDb,
    private readonly connections: SqliteConnections,
  ) {
    super(db);
  }

  override async findById(id: string): Promise<Drop | null> {
    const row = await this.connections.read((conn) => stmt(conn, DROP_BY_ID).get(id) as Row | undefined);
    return row ? toDrop(row) : null;
  }
}

export class SqliteIdempotencyStore extends KnexIdempotencyStore {
  constructor(
    db: KnexDb,
    private readonly connections: SqliteConnections,
  ) {
    super(db);
  }

  override async find(userId: string, key: string): Promise<IdempotencyRecord | null> {
    const row = await this.connections.read(
      (conn) => stmt(conn, IDEMPOTENCY_BY_KEY).get(userId, key) as Row | undefined,
    );
    return row ? toIdempotencyRecord(row) : null;
  }

  /** One chunk as a unit of work: it rides in a group-commit batch like any order. */
  override purgeBefore(before: number, limit: number): Promise<number> {
    return this.connections.transaction(async ({ conn }) => stmt(conn, IDEMPOTENCY_PURGE).run(before, limit).changes);
  }
}

export class SqliteOrderRepository extends KnexOrderRepository {
  constructor(
    db: KnexDb,
    private readonly connections: SqliteConnections,
  ) {
    super(db);
  }

  override async findById(id: string): Promise<Order | null> {
    const row = await this.connections.read((conn) => stmt(conn, ORDER_BY_ID).get(id) as Row | undefined);
    return row ? toOrder(row) : null;
  }
}
