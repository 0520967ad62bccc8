import {
  HandleTakenError,
  pageOf,
  searchKey,
  type CreatorProfile,
  type Page,
  type PageRequest,
  type User,
  type UserRepository,
} from '@livedrops/core';
import type { Knex } from 'knex';
import type { KnexDb } from './knex-db.js';
import { isUniqueViolation } from './knex-errors.js';
import { toSummary, toUser, type Row } from './knex-rows.js';

const toCreator = (row: Row): CreatorProfile => ({
  ...toSummary(row),
  followerCount: Number(row.follower_count),
  createdAt: Number(row.created_at),
});
// Every string that starts with p sorts before p + the last code point, in code point order.
const prefixEnd = (p: string): string => `${p}\u{10FFFF}`;

export class KnexUserRepository implements UserRepository {
  constructor(private readonly db: KnexDb) {}

  async create(user: User, passwordHash: string): Promise<void> {
    try {
      await this.db.table('users').insert({
        id: user.id,
        handle: user.handle,
        display_name: user.displayName,
        name_key: searchKey(user.displayName),
        is_creator: user.isCreator,
        password_hash: passwordHash,
        follower_count: 0,
        created_at: user.createdAt,
      });
    } catch (e) {
      // The unique index decides; a pre-check would lose the race between two sign-ups.
      if (isUniqueViolation(e, 'users', 'handle')) throw new HandleTakenError(user.handle);
      throw e;
    }
  }

  async findById(id: string): Promise<User | null> {
    const row = (await this.db.table('users').where({ id }).first()) as Row | undefined;
    return row ? toUser(row) : null;
  }

  async findByHandle(handle: string): Promise<{ user: User; passwordHash: string } | null> {
    const row = (await this.db.table('users').where({ handle }).first()) as Row | undefined;
    return row ? { user: toUser(row), passwordHash: String(row.password_hash) } : null;
  }

  async findCreator(id: string): Promise<CreatorProfile | null> {
    const row = (await this.db.table('users').where({ id, is_creator: true }).first()) as Row | undefined;
    return row ? toProfile(row) : null;
  }

  async findCreators(ids: readonly string[]): Promise<CreatorProfile[]> {
    if (ids.length === 0) return [];
    const rows = (await this.db
      .table('users')
      .whereIn('id', [...ids])
      .where({ is_creator: true })) as Row[];
    return rows.map(toProfile);
  }
  async findCreatorByHandle(handle: string): Promise<CreatorProfile | null> {
    const row = (await this.db.table('users').where({ handle, is_creator: true }).first()) as Row | undefined;
    return row ? toCreator(row) : null;
  }

  /**
   * Two range reads on migration 0008's partial indexes, one by handle and one by folded name,
   * each already in handle order after the cursor, merged. An OR of both ranges would leave
   * the planner one index to walk and a filter over every creator for the other.
   */
  async searchCreators(prefix: string, page: PageRequest): Promise<Page<CreatorProfile>> {
    const byHandle = this.creatorsFrom('handle', prefix, page);
    const byName = prefix === '' ? Promise.resolve([]) : this.creatorsFrom('name_key', prefix, page);
    const merged = new Map<string, Row>();
    for (const row of [...(await byHandle), ...(await byName)]) merged.set(String(row.id), row);
    const byHandleOrder = (a: Row, b: Row): number => (String(a.handle) < String(b.handle) ? -1 : 1);
    const rows = [...merged.values()].sort(byHandleOrder).slice(0, page.limit + 1);
    return pageOf(rows.map(toCreator), page.limit, (c) => ({ key: c.handle, id: c.id }));
  }

  private creatorsFrom(column: 'handle' | 'name_key', prefix: string, page: PageRequest): Promise<Row[]> {
    // Code point order on both engines, spelled as the indexes are (SQLite compares bytes already).
    const c = (col: string): string => (this.db.knex.client.dialect === 'postgresql' ? `${col} COLLATE "C"` : col);
    // The same bare term as the partial indexes' WHERE, which is what lets SQLite use them.
    const q: Knex.QueryBuilder = this.db.table('users').whereRaw('is_creator');
    if (prefix !== '') q.whereRaw(`${c(column)} >= ? AND ${c(column)} < ?`, [prefix, prefixEnd(prefix)]);
    if (page.after) q.whereRaw(`${c('handle')} > ?`, [String(page.after.key)]);
    return q.orderByRaw(c('handle')).limit(page.limit + 1) as unknown as Promise<Row[]>;
  }
}

function toProfile(row: Row): CreatorProfile {
  return { ...toSummary(row), followerCount: Number(row.follower_count), createdAt: Number(row.created_at) };
}
