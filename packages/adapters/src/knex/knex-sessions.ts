import type { SessionRepository, User } from '@livedrops/core';
import type { KnexDb } from './knex-db.js';
import { toUser, type Row } from './knex-rows.js';

export class KnexSessionRepository implements SessionRepository {
  constructor(private readonly db: KnexDb) {}

  async create(session: { tokenHash: string; userId: string; createdAt: number }): Promise<void> {
    await this.db.table('sessions').insert({
      token_hash: session.tokenHash,
      user_id: session.userId,
      created_at: session.createdAt,
      revoked_at: null,
    });
  }

  async findUser(tokenHash: string): Promise<User | null> {
    const row = (await this.db
      .table('sessions as s')
      .join('users as u', 'u.id', 's.user_id')
      .where('s.token_hash', tokenHash)
      .whereNull('s.revoked_at')
      .first('u.*')) as Row | undefined;
    return row ? toUser(row) : null;
  }

  async revoke(tokenHash: string, at: number): Promise<void> {
    // Only the first revocation stamps the time; repeats and unknown hashes change nothing.
    await this.db.table('sessions').where({ token_hash: tokenHash }).whereNull('revoked_at').update({ revoked_at: at });
  }
}
