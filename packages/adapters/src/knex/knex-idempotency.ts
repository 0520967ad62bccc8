import type { IdempotencyRecord, IdempotencyStore, OrderOutcome } from '@livedrops/core';
import type { KnexDb } from './knex-db.js';
import type { Row } from './knex-rows.js';

export function toIdempotencyRecord(r: Row): IdempotencyRecord {
  return {
    userId: String(r.user_id),
    key: String(r.key),
    fingerprint: String(r.fingerprint),
    outcome: JSON.parse(String(r.outcome)) as OrderOutcome,
    createdAt: Number(r.created_at),
  };
}

/** Stored order outcomes, keyed per user; records are written by the unit of work. */
export class KnexIdempotencyStore implements IdempotencyStore {
  constructor(private readonly db: KnexDb) {}

  async find(userId: string, key: string): Promise<IdempotencyRecord | null> {
    const row = (await this.db.table('idempotency_keys').where({ user_id: userId, key }).first()) as Row | undefined;
    return row ? toIdempotencyRecord(row) : null;
  }

  async purgeBefore(before: number, limit: number): Promise<number> {
    // DELETE … LIMIT is not portable; the oldest `limit` keys are picked by the age index.
    const oldest = this.db
      .knex('idempotency_keys')
      .select('user_id', 'key')
      .where('created_at', '<', before)
      .orderBy('created_at')
      .limit(limit);
    return Number(await this.db.table('idempotency_keys').whereIn(['user_id', 'key'], oldest).del());
  }
}
