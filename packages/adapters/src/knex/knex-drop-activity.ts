import type { Audience, DropActivity, EventTiming, EventType, OrderActivity } from '@livedrops/core';
import type { KnexDb } from './knex-db.js';

type Row = Record<string, unknown>;
const num = (v: unknown): number => Number(v ?? 0);
const time = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** A drop's figures on SQLite and PostgreSQL alike; each answer is one statement, one snapshot. */
export class KnexDropActivity implements DropActivity {
  constructor(private readonly db: KnexDb) {}

  async orders(dropId: string, since: number): Promise<OrderActivity> {
    const k = this.db.knex;
    const row = (await this.db
      .table('orders')
      .where({ drop_id: dropId, status: 'confirmed' })
      .select(
        k.raw('COUNT(*) AS count'),
        k.raw('COUNT(DISTINCT user_id) AS buyers'),
        k.raw('MIN(created_at) AS first_at'),
        k.raw('MAX(created_at) AS last_at'),
        k.raw('COALESCE(SUM(CASE WHEN created_at >= ? THEN 1 ELSE 0 END), 0) AS since', [since]),
      )
      .first()) as Row;
    return {
      count: num(row.count),
      buyers: num(row.buyers),
      firstAt: time(row.first_at),
      lastAt: time(row.last_at),
      countSince: num(row.since),
    };
  }

  async followerEvents(dropId: string): Promise<EventTiming[]> {
    const rows = (await this.db
      .table('outbox')
      .where('drop_id', dropId)
      .whereNull('user_id')
      .orderBy('created_at', 'asc')
      .select('type', 'created_at', 'published_at')) as Row[];
    return rows.map((r) => ({
      type: r.type as EventType,
      createdAt: Number(r.created_at),
      publishedAt: time(r.published_at),
    }));
  }

  async audience(dropId: string, creatorId: string, notifiedAt: number): Promise<Audience> {
    const k = this.db.knex;
    // The follower count is kept exact with every follow; those who came after the event were not told.
    const later = k('follows').where('creator_id', creatorId).where('followed_at', '>', notifiedAt).count({ n: '*' });
    const buyers = k('orders as o')
      .join('follows as f', (j) => j.on('f.follower_id', 'o.user_id').andOnVal('f.creator_id', creatorId))
      .where('o.drop_id', dropId)
      .where('o.status', 'confirmed')
      .where('f.followed_at', '<=', notifiedAt)
      .countDistinct({ n: 'o.user_id' });
    const row = (await this.db
      .table('users')
      .where('id', creatorId)
      .select('follower_count', k.raw('(?) AS later', [later]), k.raw('(?) AS buyers', [buyers]))
      .first()) as Row | undefined;
    return { notified: Math.max(0, num(row?.follower_count) - num(row?.later)), buyers: num(row?.buyers) };
  }
}
