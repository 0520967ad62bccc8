import type { FeedItem, NotificationFeed, SeqRange } from '@livedrops/core';
import type { Knex } from 'knex';
import type { KnexDb } from './knex-db.js';
import type { Row } from './knex-rows.js';

// Inbox rows per INSERT: two bound values each, far below every engine's parameter limit.
const DELIVER_CHUNK = 400;
const EVENT_COLUMNS = ['o.seq', 'o.id', 'o.type', 'o.data', 'o.created_at'];

function toItem(r: Row): FeedItem {
  return {
    seq: Number(r.seq),
    notification: {
      id: String(r.id),
      type: String(r.type) as FeedItem['notification']['type'],
      createdAt: Number(r.created_at),
      data: JSON.parse(String(r.data)),
    },
  };
}

/** Applies an exclusive position range and its order to `column`; each source is one index range scan. */
function ranged(q: Knex.QueryBuilder, column: string, r: SeqRange): Knex.QueryBuilder {
  // A Postgres outbox row has no position until the sequencer gives it one after commit
  // (pg-outbox-sequencer.ts); until then it is in no feed. SQLite's positions are never NULL.
  q.whereNotNull(column);
  if (r.after !== undefined) q.where(column, '>', r.after);
  if (r.before !== undefined) q.where(column, '<', r.before);
  return q.orderBy(column, r.order).limit(r.limit);
}

/**
 * The durable inbox over the outbox-as-event-log (migration 0004): personal events through
 * `outbox_personal`, fan-out-on-write rows through the inbox key, celebrity events by
 * walking the user's follows and seeking `outbox_fanout_read` per creator.
 */
export class KnexNotificationFeed implements NotificationFeed {
  constructor(private readonly db: KnexDb) {}

  deliver(seq: number, userIds: readonly string[]): Promise<number> {
    return this.db.transaction(async () => {
      let added = 0;
      for (let i = 0; i < userIds.length; i += DELIVER_CHUNK) {
        const rows = userIds.slice(i, i + DELIVER_CHUNK).map((user_id) => ({ user_id, seq }));
        const inserted = await this.db
          .table('inbox')
          .insert(rows)
          .onConflict(['user_id', 'seq'])
          .ignore()
          .returning('seq');
        added += inserted.length;
      }
      return added;
    });
  }

  async personal(userId: string, range: SeqRange): Promise<FeedItem[]> {
    const q = this.db.table('outbox as o').select(EVENT_COLUMNS).where('o.user_id', userId);
    return ((await ranged(q, 'o.seq', range)) as Row[]).map(toItem);
  }

  async fannedOut(userId: string, range: SeqRange): Promise<FeedItem[]> {
    const q = this.db
      .table('inbox as i')
      .join('outbox as o', 'o.seq', 'i.seq')
      .select(EVENT_COLUMNS)
      .where('i.user_id', userId);
    return ((await ranged(q, 'i.seq', range)) as Row[]).map(toItem);
  }

  async merged(userId: string, range: SeqRange): Promise<FeedItem[]> {
    // First the followed creators that have any read-mode event (one index probe each),
    // then one ordered, limited seek per such creator. A single join would read every
    // event of every celebrity followed before it could sort and cut.
    const creators = (await this.db
      .table('follows as f')
      .where('f.follower_id', userId)
      .whereExists((q) =>
        q
          .select(this.db.knex.raw('1'))
          .from('outbox as o')
          .whereRaw("o.creator_id = f.creator_id AND o.fanout = 'read'"),
      )
      .select('f.creator_id', 'f.followed_at')) as Row[];
    const lists = await Promise.all(
      creators.map(async (c) => {
        const q = this.db
          .table('outbox as o')
          .select(EVENT_COLUMNS)
          .where('o.creator_id', String(c.creator_id))
          .whereRaw("o.fanout = 'read'") // literal, so the partial index applies
          .where('o.created_at', '>=', Number(c.followed_at));
        return ((await ranged(q, 'o.seq', range)) as Row[]).map(toItem);
      }),
    );
    return lists
      .flat()
      .sort((x, y) => (range.order === 'asc' ? x.seq - y.seq : y.seq - x.seq))
      .slice(0, range.limit);
  }

  async followersAmong(creatorId: string, userIds: readonly string[], at: number): Promise<string[]> {
    if (userIds.length === 0) return [];
    // Spelled as (creator_id, follower_id) pairs so the planner seeks the primary key once
    // per connected user; with `creator_id = ? AND follower_id IN (…)` (and no statistics)
    // SQLite prefers the covering (creator_id, followed_at) index and walks a celebrity's
    // million followers instead. followed_at is checked here for the same reason.
    const rows = (await this.db
      .table('follows')
      .whereIn(
        ['creator_id', 'follower_id'],
        userIds.map((id) => [creatorId, id]),
      )
      .select('follower_id', 'followed_at')) as Row[];
    return rows.filter((r) => Number(r.followed_at) <= at).map((r) => String(r.follower_id));
  }

  async seqOf(eventId: string): Promise<number | null> {
    const row = (await this.db.table('outbox').where('id', eventId).first('seq')) as Row | undefined;
    return row ? Number(row.seq) : null;
  }

  async head(): Promise<number> {
    const row = (await this.db.table('outbox').max({ head: 'seq' }).first()) as Row | undefined;
    return Number(row?.head ?? 0);
  }
}
