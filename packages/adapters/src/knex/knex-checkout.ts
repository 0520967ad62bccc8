import type {
  HoldRepository,
  Order,
  Page,
  PageRequest,
  Payment,
  PaymentRepository,
  WaitlistEntry,
  WaitlistRepository,
} from '@livedrops/core';
import type { KnexDb } from './knex-db.js';
import { keysetPage } from './knex-keyset.js';
import { toOrder, toPayment, type Row } from './knex-rows.js';

/** Column values of a payments row. */
export function paymentColumns(p: Payment): Row {
  return {
    id: p.id,
    order_id: p.orderId,
    user_id: p.userId,
    drop_id: p.dropId,
    request_key: p.requestKey,
    method: p.method,
    amount_cents: p.amountCents,
    currency: p.currency,
    status: p.status,
    authorization_id: p.authorizationId,
    decline_code: p.declineCode,
    attempts: p.attempts,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
    lease_until: p.leaseUntil,
  };
}

/** Open holds, through the partial index of held orders (orders_held_due). */
export class KnexHoldRepository implements HoldRepository {
  constructor(private readonly db: KnexDb) {}

  async due(now: number, limit: number): Promise<Order[]> {
    const rows = (await this.db
      .table('orders')
      .where('status', 'held')
      .where('expires_at', '<=', now)
      .orderBy([{ column: 'expires_at' }, { column: 'id' }])
      .limit(limit)) as Row[];
    return rows.map(toOrder);
  }

  async openCount(): Promise<number> {
    const row = (await this.db.table('orders').where('status', 'held').count({ n: '*' }).first()) as Row | undefined;
    return Number(row?.n ?? 0);
  }
}

export class KnexPaymentRepository implements PaymentRepository {
  constructor(private readonly db: KnexDb) {}

  async findById(id: string): Promise<Payment | null> {
    const row = (await this.db.table('payments').where({ id }).first()) as Row | undefined;
    return row ? toPayment(row) : null;
  }

  async findByRequest(orderId: string, requestKey: string): Promise<Payment | null> {
    const row = (await this.db
      .table('payments')
      .where({ order_id: orderId, request_key: requestKey })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .first()) as Row | undefined;
    return row ? toPayment(row) : null;
  }

  /** Through the partial index of payments still owed a gateway call (payments_unsettled). */
  async unsettled(now: number, limit: number): Promise<Payment[]> {
    const rows = (await this.db
      .table('payments')
      .whereIn('status', ['authorizing', 'authorized', 'voiding'])
      .where('lease_until', '<=', now)
      .orderBy('lease_until')
      .limit(limit)) as Row[];
    return rows.map(toPayment);
  }

  async listByDrop(dropId: string): Promise<Payment[]> {
    const rows = (await this.db
      .table('payments')
      .where('drop_id', dropId)
      .orderBy([{ column: 'created_at' }, { column: 'id' }])) as Row[];
    return rows.map(toPayment);
  }
}

const toEntry = (r: Row): WaitlistEntry => ({
  dropId: String(r.drop_id),
  userId: String(r.user_id),
  joinedAt: Number(r.joined_at),
});

export class KnexWaitlistRepository implements WaitlistRepository {
  constructor(private readonly db: KnexDb) {}

  /** One INSERT … DO NOTHING: concurrent joins of one user make one entry, and the first time is kept. */
  async join(dropId: string, userId: string, at: number): Promise<{ entry: WaitlistEntry; created: boolean }> {
    return this.db.transaction(async () => {
      const inserted = (await this.db
        .table('waitlist')
        .insert({ drop_id: dropId, user_id: userId, joined_at: at })
        .onConflict(['drop_id', 'user_id'])
        .ignore()
        .returning('joined_at')) as Row[];
      if (inserted.length > 0) return { entry: { dropId, userId, joinedAt: at }, created: true };
      const row = (await this.db.table('waitlist').where({ drop_id: dropId, user_id: userId }).first()) as Row;
      return { entry: toEntry(row), created: false };
    });
  }

  async leave(dropId: string, userId: string): Promise<boolean> {
    return Number(await this.db.table('waitlist').where({ drop_id: dropId, user_id: userId }).del()) > 0;
  }

  listByUser(userId: string, page: PageRequest): Promise<Page<WaitlistEntry>> {
    const query = this.db.table('waitlist').where('user_id', userId).select('*');
    return keysetPage(query, { key: 'joined_at', id: 'drop_id', direction: 'desc' }, page, toEntry, (e) => ({
      key: e.joinedAt,
      id: e.dropId,
    }));
  }
}
