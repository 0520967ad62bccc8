import { HandleTakenError, type CreatorProfile, type User, type UserRepository } from '@livedrops/core';
import type { KnexDb } from './knex-db.js';
import { isUniqueViolation } from './knex-errors.js';
import { toSummary, toUser, type Row } from './knex-rows.js';

export class KnexUserRepository implements UserRepository {
  constructor(private readonly db: KnexDb) {}

  async create(user: User, passwordHash: string): Promise<void> {
    try {
      await this.db.table('users').insert({
        id: user.id,
        handle: user.handle,
        display_name: user.displayName,
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
    const rows = (await this.db.table('users').whereIn('id', [...ids]).where({ is_creator: true })) as Row[];
    return rows.map(toProfile);
  }
}

function toProfile(row: Row): CreatorProfile {
  return { ...toSummary(row), followerCount: Number(row.follower_count), createdAt: Number(row.created_at) };
}
