import type { FeedItem, SeqRange } from '@livedrops/core';
import type { KnexDb } from '../knex/knex-db.js';
import { KnexNotificationFeed } from '../knex/knex-notification-feed.js';
import type { Row } from '../knex/knex-rows.js';
import type { SqliteConnections } from './sqlite-connections.js';
import { stmt } from './sqlite-statements.js';

// Feed reads are every inbox page and every stream catch-up, and the fan-out's lookups run
// for every relayed event: on the reader connection (outside a unit of work) they never
// queue behind the writer and its group-commit batches, and skip knex's query building.
// Same SQL as the knex version; bounds always bound (an absent one is -1 / MAX) so each
// source is two fixed statements (asc, desc).
const COLUMNS = 'o.seq, o.id, o.type, o.data, o.created_at';
const NO_UPPER = Number.MAX_SAFE_INTEGER;
const sql = {
  personal: (dir: string) =>
    `SELECT ${COLUMNS} FROM outbox o WHERE o.user_id = ? AND o.seq > ? AND o.seq < ? ORDER BY o.seq ${dir} LIMIT ?`,
  fannedOut: (dir: string) => `SELECT ${COLUMNS} FROM inbox i JOIN outbox o ON o.seq = i.seq
    WHERE i.user_id = ? AND i.seq > ? AND i.seq < ? ORDER BY i.seq ${dir} LIMIT ?`,
  celebrity: (dir: string) => `SELECT ${COLUMNS} FROM outbox o WHERE o.creator_id = ? AND o.fanout = 'read'
    AND o.created_at >= ? AND o.seq > ? AND o.seq < ? ORDER BY o.seq ${dir} LIMIT ?`,
};
const CELEBRITIES_FOLLOWED = `SELECT f.creator_id, f.followed_at FROM follows f WHERE f.follower_id = ?
  AND EXISTS (SELECT 1 FROM outbox o WHERE o.creator_id = f.creator_id AND o.fanout = 'read')`;
// CROSS JOIN keeps json_each outside: one primary-key seek per connected user, never a walk
// of the creator's followers.
const FOLLOWERS_AMONG = `SELECT f.follower_id, f.followed_at FROM json_each(?) j CROSS JOIN follows f
  WHERE f.creator_id = ? AND f.follower_id = j.value`;
const SEQ_OF = 'SELECT seq FROM outbox WHERE id = ?';
const HEAD = 'SELECT MAX(seq) AS head FROM outbox';

const toItem = (r: Row): FeedItem => ({
  seq: Number(r.seq),
  notification: {
    id: String(r.id),
    type: r.type as FeedItem['notification']['type'],
    createdAt: Number(r.created_at),
    data: JSON.parse(String(r.data)),
  },
});
const bounds = (r: SeqRange): [number, number, number] => [r.after ?? -1, r.before ?? NO_UPPER, r.limit];
const dir = (r: SeqRange): string => (r.order === 'asc' ? 'ASC' : 'DESC');

/** The SQLite feed: knex's writes (deliver), prepared reads on the reader connection. */
export class SqliteNotificationFeed extends KnexNotificationFeed {
  constructor(
    db: KnexDb,
    private readonly connections: SqliteConnections,
  ) {
    super(db);
  }

  private all(text: string, ...params: unknown[]): Promise<Row[]> {
    return Promise.resolve(this.connections.read((conn) => stmt(conn, text).all(...params) as Row[]));
  }

  override async personal(userId: string, range: SeqRange): Promise<FeedItem[]> {
    return (await this.all(sql.personal(dir(range)), userId, ...bounds(range))).map(toItem);
  }

  override async fannedOut(userId: string, range: SeqRange): Promise<FeedItem[]> {
    return (await this.all(sql.fannedOut(dir(range)), userId, ...bounds(range))).map(toItem);
  }

  override async merged(userId: string, range: SeqRange): Promise<FeedItem[]> {
    const creators = await this.all(CELEBRITIES_FOLLOWED, userId);
    const rows: Row[] = [];
    for (const c of creators)
      rows.push(...(await this.all(sql.celebrity(dir(range)), c.creator_id, c.followed_at, ...bounds(range))));
    const items = rows.map(toItem).sort((x, y) => (range.order === 'asc' ? x.seq - y.seq : y.seq - x.seq));
    return items.slice(0, range.limit);
  }

  override async followersAmong(creatorId: string, userIds: readonly string[], at: number): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows = await this.all(FOLLOWERS_AMONG, JSON.stringify(userIds), creatorId);
    return rows.filter((r) => Number(r.followed_at) <= at).map((r) => String(r.follower_id));
  }

  override async seqOf(eventId: string): Promise<number | null> {
    const [row] = await this.all(SEQ_OF, eventId);
    return row ? Number(row.seq) : null;
  }

  override async head(): Promise<number> {
    const [row] = await this.all(HEAD);
    return Number(row?.head ?? 0);
  }
}
