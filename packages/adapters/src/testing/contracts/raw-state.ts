import type { MemoryStore } from '../../memory/memory-store.js';
import { tallyKey } from '../../memory/memory-store.js';

export interface RawOutboxRow {
  seq: number;
  id: string;
  type: string;
  publishedAt: number | null;
}

/** What the engine holds, read beside the adapter under test rather than through it. */
export interface RawState {
  sold(dropId: string): Promise<number>;
  orderQuantitySum(dropId: string): Promise<number>;
  orderCount(dropId: string): Promise<number>;
  /** The per-user tally (0 when no row). */
  tally(dropId: string, userId: string): Promise<number>;
  outbox(): Promise<RawOutboxRow[]>;
  idempotencyCount(): Promise<number>;
  followerCount(creatorId: string): Promise<number>;
  /** Follower ids of the creator, sorted. */
  followEdges(creatorId: string): Promise<string[]>;
  /** Every order of the drop: id, buyer, status, quantity. */
  orders(dropId: string): Promise<RawOrder[]>;
}

export interface RawOrder {
  id: string;
  userId: string;
  status: string;
  quantity: number;
}

type Query = (sql: string, ...params: unknown[]) => Promise<Record<string, unknown>[]>;

/** `outboxOrder`: Postgres orders rows that have no position yet by insert order. */
export function sqlRawState(q: Query, opts: { outboxOrder?: string } = {}): RawState {
  const one = async (sql: string, ...params: unknown[]): Promise<number> =>
    Number(Object.values((await q(sql, ...params))[0] ?? {})[0] ?? 0);
  return {
    sold: (dropId) => one('SELECT sold FROM drops WHERE id = ?', dropId),
    orderQuantitySum: (dropId) => one('SELECT COALESCE(SUM(quantity), 0) FROM orders WHERE drop_id = ?', dropId),
    orderCount: (dropId) => one('SELECT COUNT(*) FROM orders WHERE drop_id = ?', dropId),
    tally: (dropId, userId) =>
      one('SELECT quantity FROM drop_buyers WHERE drop_id = ? AND user_id = ?', dropId, userId),
    async outbox() {
      const rows = await q(`SELECT seq, id, type, published_at FROM outbox ORDER BY ${opts.outboxOrder ?? 'seq'}`);
      return rows.map((r) => ({
        seq: Number(r.seq),
        id: String(r.id),
        type: String(r.type),
        publishedAt: r.published_at === null ? null : Number(r.published_at),
      }));
    },
    idempotencyCount: () => one('SELECT COUNT(*) FROM idempotency_keys'),
    followerCount: (creatorId) => one('SELECT follower_count FROM users WHERE id = ?', creatorId),
    async followEdges(creatorId) {
      const rows = await q('SELECT follower_id FROM follows WHERE creator_id = ? ORDER BY follower_id', creatorId);
      return rows.map((r) => String(r.follower_id));
    },
    async orders(dropId) {
      const rows = await q('SELECT id, user_id, status, quantity FROM orders WHERE drop_id = ? ORDER BY id', dropId);
      return rows.map((r) => ({
        id: String(r.id),
        userId: String(r.user_id),
        status: String(r.status),
        quantity: Number(r.quantity),
      }));
    },
  };
}

export function memoryRawState(s: MemoryStore): RawState {
  const orders = (dropId: string) => [...s.orders.values()].filter((o) => o.dropId === dropId);
  return {
    sold: async (dropId) => s.drops.get(dropId)?.sold ?? 0,
    orderQuantitySum: async (dropId) => orders(dropId).reduce((sum, o) => sum + o.quantity, 0),
    orderCount: async (dropId) => orders(dropId).length,
    tally: async (dropId, userId) => s.tallies.get(tallyKey(dropId, userId)) ?? 0,
    outbox: async () =>
      s.outbox.map((r) => ({ seq: r.seq, id: r.event.id, type: r.event.type, publishedAt: r.publishedAt })),
    idempotencyCount: async () => s.idempotency.size,
    followerCount: async (creatorId) => s.users.get(creatorId)?.followerCount ?? 0,
    followEdges: async (creatorId) => [...(s.followers.get(creatorId)?.keys() ?? [])].sort(),
    orders: async (dropId) =>
      orders(dropId).map((o) => ({ id: o.id, userId: o.userId, status: o.status, quantity: o.quantity })),
  };
}
