import {
  isAfterDesc,
  pageOf,
  type IdempotencyRecord,
  type IdempotencyStore,
  type Order,
  type OrderRepository,
  type Page,
  type PageRequest,
} from '@livedrops/core';
import { idemKey, type MemoryStore, type OrderRow } from './memory-store.js';

/** An order row as the SQL adapters read it back: deadline and payment only where there are some. */
export function orderView(s: MemoryStore, row: OrderRow): Order {
  const { paymentId, endedAt: _e, expiresAt, ...order } = row;
  const p = paymentId ? s.payments.get(paymentId) : undefined;
  const status = p?.status === 'captured' || p?.status === 'failed' ? p.status : 'authorized';
  return {
    ...order,
    ...(expiresAt != null ? { expiresAt } : {}),
    ...(p ? { payment: { id: p.id, status, amountCents: p.amountCents, currency: p.currency } } : {}),
  };
}

export class MemoryOrderRepository implements OrderRepository {
  constructor(private readonly s: MemoryStore) {}

  async findById(id: string): Promise<Order | null> {
    const o = this.s.orders.get(id);
    return o ? orderView(this.s, o) : null;
  }

  async listByUser(userId: string, page: PageRequest): Promise<Page<Order>> {
    const rows = [...this.s.orders.values()]
      .filter((o) => o.userId === userId && isAfterDesc(o.createdAt, o.id, page.after))
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
      .slice(0, page.limit + 1)
      .map((o) => orderView(this.s, o));
    return pageOf(rows, page.limit, (o) => ({ key: o.createdAt, id: o.id }));
  }

  /** Units of confirmed orders and open holds (what `sold` counts), summed from the rows. */
  async soldQuantity(dropId: string): Promise<number> {
    let sum = 0;
    for (const o of this.s.orders.values())
      if (o.dropId === dropId && (o.status === 'confirmed' || o.status === 'held')) sum += o.quantity;
    return sum;
  }
}

export class MemoryIdempotencyStore implements IdempotencyStore {
  constructor(private readonly s: MemoryStore) {}

  async find(userId: string, key: string): Promise<IdempotencyRecord | null> {
    const r = this.s.idempotency.get(idemKey(userId, key));
    return r ? structuredClone(r) : null;
  }

  async purgeBefore(before: number, limit: number): Promise<number> {
    const expired = [...this.s.idempotency]
      .filter(([, r]) => r.createdAt < before)
      .sort(([, a], [, b]) => a.createdAt - b.createdAt);
    for (const [k] of expired.slice(0, limit)) this.s.idempotency.delete(k);
    return Math.min(expired.length, limit);
  }
}
