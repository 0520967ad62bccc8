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

  async findUsers(tokenHashes: readonly string[]): Promise<Map<string, User>> {
    const rows = (await this.db
      .table('sessions as s')
      .join('users as u', 'u.id', 's.user_id')
      .whereIn('s.token_hash', [...tokenHashes])
      .whereNull('s.revoked_at')
      .select('u.*', 's.token_hash')) as Array<Row & { token_hash: string }>;
    return new Map(rows.map((r) => [r.token_hash, toUser(r)]));
  }

  async revokedSince(at: number, limit: number): Promise<Array<{ tokenHash: string; revokedAt: number }>> {
    const rows = (await this.db
      .table('sessions')
      .where('revoked_at', '>=', at)
      .orderBy('revoked_at')
      .limit(limit)
      .select('token_hash', 'revoked_at')) as Array<{ token_hash: string; revoked_at: number | string }>;
    return rows.map((r) => ({ tokenHash: r.token_hash, revokedAt: Number(r.revoked_at) }));
  }

  async revoke(tokenHash: string, at: number): Promise<void> {
    // Only the first revocation stamps the time; repeats and unknown hashes change nothing.
    await this.db.table('sessions').where({ token_hash: tokenHash }).whereNull('revoked_at').update({ revoked_at: at });
  }
}
