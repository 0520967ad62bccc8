import { loadConfig, openData, SystemClock, type DataAdapters } from '@livedrops/adapters';
import type { Payment } from '@livedrops/core';

type Row = Record<string, unknown>;
interface Query {
  raw(sql: string, params: unknown[]): Promise<unknown>;
}

export interface DbOrder {
  id: string;
  userId: string;
  status: string;
  quantity: number;
  createdAt: number;
  expiresAt: number | null;
  endedAt: number | null;
  paymentId: string | null;
}

export interface DbEvent {
  type: string;
  userId: string | null;
  orderId: string | null;
}

/** What the database holds about the drop at the end of the run (the checker's second witness). */
export interface DbSnapshot {
  drop: { total: number; sold: number; returned: number; paid: number };
  orders: DbOrder[];
  payments: Payment[];
  /** The sandbox gateway's own record of each payment's key: `authorized`, `captured`, `voided`, `declined`, or absent. */
  ledger: Record<string, string>;
  events: DbEvent[];
}

/** A moment during the run: units held and confirmed, in total and per buyer. */
export interface DbSample {
  t: number;
  held: number;
  confirmed: number;
  /** userId → held + confirmed units, for buyers over the limit only (kept small). */
  perUser: Record<string, number>;
}

const num = (v: unknown): number => Number(v);
const rowsOf = (r: unknown): Row[] => (Array.isArray(r) ? (r as Row[]) : ((r as { rows: Row[] }).rows ?? []));

/**
 * The checkout checker's read-only view of the server's database, through the same adapters
 * the server uses (never the API): samples while the run goes, and a snapshot at the end.
 */
export class CheckoutDb {
  private constructor(
    private readonly data: DataAdapters,
    private readonly sql: Query,
  ) {}

  static async open(databaseUrl: string): Promise<CheckoutDb> {
    const data = await openData(loadConfig({ DATABASE_URL: databaseUrl }), new SystemClock());
    const knex = (data as DataAdapters & { knex?: Query }).knex;
    if (!knex) throw new Error('the checkout checker reads a SQL database (sqlite: or postgres://)');
    return new CheckoutDb(data, knex);
  }

  private async rows(sql: string, ...params: unknown[]): Promise<Row[]> {
    return rowsOf(await this.sql.raw(sql, params));
  }

  async sample(dropId: string, t: number, limit: number | null): Promise<DbSample> {
    const rows = await this.rows(
      "SELECT status, user_id, SUM(quantity) AS q FROM orders WHERE drop_id = ? AND status IN ('held', 'confirmed') GROUP BY status, user_id",
      dropId,
    );
    const s: DbSample = { t, held: 0, confirmed: 0, perUser: {} };
    const byUser = new Map<string, number>();
    for (const r of rows) {
      s[r.status === 'held' ? 'held' : 'confirmed'] += num(r.q);
      byUser.set(String(r.user_id), (byUser.get(String(r.user_id)) ?? 0) + num(r.q));
    }
    if (limit !== null) for (const [u, q] of byUser) if (q > limit) s.perUser[u] = q;
    return s;
  }

  /** Payments still owed a gateway call (captures and voids the settle loop has not made yet). */
  async owed(dropId: string): Promise<number> {
    return (await this.data.payments.listByDrop(dropId)).filter((p) =>
      ['authorizing', 'authorized', 'voiding'].includes(p.status),
    ).length;
  }

  async snapshot(dropId: string): Promise<DbSnapshot> {
    const [d] = await this.rows('SELECT total, sold, returned, paid FROM drops WHERE id = ?', dropId);
    const orders = (
      await this.rows(
        'SELECT id, user_id, status, quantity, created_at, expires_at, ended_at, payment_id FROM orders WHERE drop_id = ? ORDER BY id',
        dropId,
      )
    ).map((r) => ({
      id: String(r.id),
      userId: String(r.user_id),
      status: String(r.status),
      quantity: num(r.quantity),
      createdAt: num(r.created_at),
      expiresAt: r.expires_at == null ? null : num(r.expires_at),
      endedAt: r.ended_at == null ? null : num(r.ended_at),
      paymentId: r.payment_id == null ? null : String(r.payment_id),
    }));
    const payments = await this.data.payments.listByDrop(dropId);
    const ledger: Record<string, string> = {};
    for (const p of payments) {
      const e = await this.data.sandboxLedger.get(p.id);
      if (e) ledger[p.id] = e.status;
    }
    const events = (
      await this.rows("SELECT type, user_id, data FROM outbox WHERE drop_id = ? AND type LIKE 'order.%'", dropId)
    ).map((r) => ({
      type: String(r.type),
      userId: r.user_id == null ? null : String(r.user_id),
      orderId: ((typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as { orderId?: string }).orderId ?? null,
    }));
    return {
      drop: { total: num(d!.total), sold: num(d!.sold), returned: num(d!.returned), paid: num(d!.paid) },
      orders,
      payments,
      ledger,
      events,
    };
  }

  close(): Promise<void> {
    return this.data.close();
  }
}
