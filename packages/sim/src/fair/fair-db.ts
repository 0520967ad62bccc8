import { loadConfig, openData, SystemClock, type DataAdapters } from '@livedrops/adapters';
import { heldUnits, PASS_IN_FLIGHT_MS } from '@livedrops/core';
import type { FairAccessObserved } from '../check/fair-access-check.js';

type Row = Record<string, unknown>;
interface Query {
  raw(sql: string, params: unknown[]): Promise<unknown>;
}
const rowsOf = (r: unknown): Row[] => (Array.isArray(r) ? (r as Row[]) : ((r as { rows: Row[] }).rows ?? []));
const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** The fair-access checker's read-only view of the server's database (never the API): samples, then the record. */
export class FairDb {
  private constructor(
    private readonly data: DataAdapters,
    private readonly sql: Query,
  ) {}

  static async open(databaseUrl: string): Promise<FairDb> {
    const data = await openData(loadConfig({ DATABASE_URL: databaseUrl }), new SystemClock());
    const knex = (data as DataAdapters & { knex?: Query }).knex;
    if (!knex) throw new Error('the fair-access checker reads a SQL database (sqlite: or postgres://)');
    return new FairDb(data, knex);
  }

  private async rows(sql: string, ...params: unknown[]): Promise<Row[]> {
    return rowsOf(await this.sql.raw(sql, params));
  }

  /**
   * Passes in play against what could still be bought, in one statement (one snapshot), as the
   * admission step counts them once it has spent the passes of committed orders: an order
   * commits before the order path marks its pass spent, and in between its unit is in `sold`
   * already, not in play.
   */
  async sample(dropId: string, t: number): Promise<FairAccessObserved['samples'][number]> {
    const now = Date.now();
    const [d] = await this.rows(
      `SELECT d.total, d.sold, d.paid, d.checkout, (SELECT COUNT(*) FROM queue_entries e
        WHERE e.drop_id = d.id AND e.state = 'admitted' AND e.spent_at IS NULL
        AND (e.pass_expires_at > ? OR (e.used_key IS NOT NULL AND e.pass_expires_at > ?))
        AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.drop_id = e.drop_id AND o.user_id = e.user_id)) AS n
      FROM drops d WHERE d.id = ?`,
      now,
      now - PASS_IN_FLIGHT_MS,
      dropId,
    );
    const drop = {
      total: num(d?.total),
      sold: num(d?.sold),
      paid: num(d?.paid),
      checkout: d?.checkout === 'pay' ? ('pay' as const) : ('instant' as const),
    };
    return { t, livePasses: num(d?.n ?? 0), available: drop.total - drop.sold, held: heldUnits(drop) };
  }

  /** Everything but the samples and the public fairness record. */
  async record(dropId: string): Promise<Omit<FairAccessObserved, 'samples' | 'fairness'>> {
    const [d] = await this.rows('SELECT * FROM drops WHERE id = ?', dropId);
    if (!d) throw new Error(`drop ${dropId} is not in the database`);
    const queue = await this.rows(
      'SELECT user_id, state, joined_at, rank, spent_at FROM queue_entries WHERE drop_id = ?',
      dropId,
    );
    const draw = await this.rows('SELECT user_id, rank, granted_at FROM draw_entries WHERE drop_id = ?', dropId);
    const orders = await this.rows('SELECT id, user_id, created_at, status FROM orders WHERE drop_id = ?', dropId);
    const events = await this.rows('SELECT type, user_id FROM outbox WHERE drop_id = ?', dropId);
    const follows = await this.rows('SELECT follower_id, followed_at FROM follows WHERE creator_id = ?', d.creator_id);
    const followed = new Map(follows.map((f) => [String(f.follower_id), num(f.followed_at)]));
    const held = heldUnits({
      sold: num(d.sold),
      paid: num(d.paid),
      checkout: d.checkout === 'pay' ? 'pay' : 'instant',
    });
    return {
      drop: {
        id: dropId,
        creatorId: String(d.creator_id),
        access: d.access === 'draw' ? 'draw' : 'queue',
        total: num(d.total),
        createdAt: num(d.created_at),
        followersFirstUntil: numOrNull(d.followers_first_until),
      },
      returned: num(d.returned),
      queue: queue.map((e) => ({
        userId: String(e.user_id),
        state: String(e.state),
        joinedAt: num(e.joined_at),
        rank: numOrNull(e.rank),
        spent: e.spent_at != null,
      })),
      draw: draw.map((e) => ({ userId: String(e.user_id), rank: numOrNull(e.rank), granted: e.granted_at != null })),
      orders: orders.map((o) => ({
        id: String(o.id),
        userId: String(o.user_id),
        createdAt: num(o.created_at),
        status: String(o.status),
      })),
      events: events.map((e) => ({ type: String(e.type), userId: e.user_id == null ? null : String(e.user_id) })),
      followedAt: Object.fromEntries(orders.map((o) => [String(o.user_id), followed.get(String(o.user_id)) ?? null])),
      soldOut: num(d.sold) >= num(d.total) && held === 0,
    };
  }

  close(): Promise<void> {
    return this.data.close();
  }
}
