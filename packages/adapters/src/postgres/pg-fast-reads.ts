import type { Drop, IdempotencyRecord, User } from '@livedrops/core';
import type pg from 'pg';
import { KnexDropRepository } from '../knex/knex-drops.js';
import type { KnexDb } from '../knex/knex-db.js';
import { KnexIdempotencyStore, toIdempotencyRecord } from '../knex/knex-idempotency.js';
import { toDrop, toUser, type Row } from '../knex/knex-rows.js';
import { KnexSessionRepository } from '../knex/knex-sessions.js';
import type { PgConnections } from './pg-connections.js';

// The reads every order makes (the session behind the bearer token, the idempotency lookup,
// the drop) as named statements: planned once per connection, no query building. Same SQL
// and row mapping as the knex versions; only what `toUser` maps leaves the users table.
const SESSION_USER = {
  name: 'ld_session_user',
  text: `SELECT u.id, u.handle, u.display_name, u.is_creator, u.created_at FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = $1 AND s.revoked_at IS NULL`,
};
const SESSION_USERS = {
  name: 'ld_session_users',
  text: `SELECT s.token_hash, u.id, u.handle, u.display_name, u.is_creator, u.created_at FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = ANY($1) AND s.revoked_at IS NULL`,
};
const DROP_BY_ID = {
  name: 'ld_drop_by_id',
  text: 'SELECT d.*, p.title AS product_title, p.image AS product_image FROM drops d JOIN products p ON p.id = d.product_id WHERE d.id = $1',
};
const IDEMPOTENCY_BY_KEY = {
  name: 'ld_idempotency_by_key',
  text: 'SELECT * FROM idempotency_keys WHERE user_id = $1 AND key = $2',
};

const first = async (
  connections: PgConnections,
  q: { name: string; text: string },
  values: unknown[],
): Promise<Row | undefined> => ((await connections.query({ ...q, values })) as pg.QueryResult<Row>).rows[0];

export class PgSessionRepository extends KnexSessionRepository {
  constructor(
    db: KnexDb,
    private readonly connections: PgConnections,
  ) {
    super(db);
  }

  override async findUser(tokenHash: string): Promise<User | null> {
    const row = await first(this.connections, SESSION_USER, [tokenHash]);
    return row ? toUser(row) : null;
  }

  override async findUsers(tokenHashes: readonly string[]): Promise<Map<string, User>> {
    const rows = (
      (await this.connections.query({ ...SESSION_USERS, values: [tokenHashes] })) as pg.QueryResult<
        Row & { token_hash: string }
      >
    ).rows;
    return new Map(rows.map((r) => [r.token_hash, toUser(r)]));
  }
}

export class PgDropRepository extends KnexDropRepository {
  constructor(
    db: KnexDb,
    private readonly connections: PgConnections,
  ) {
    super(db);
  }

  override async findById(id: string): Promise<Drop | null> {
    const row = await first(this.connections, DROP_BY_ID, [id]);
    return row ? toDrop(row) : null;
  }
}

export class PgIdempotencyStore extends KnexIdempotencyStore {
  constructor(
    db: KnexDb,
    private readonly connections: PgConnections,
  ) {
    super(db);
  }

  override async find(userId: string, key: string): Promise<IdempotencyRecord | null> {
    const row = await first(this.connections, IDEMPOTENCY_BY_KEY, [userId, key]);
    return row ? toIdempotencyRecord(row) : null;
  }
}
