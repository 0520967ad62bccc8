import {
  isAfterDesc,
  pageOf,
  type HoldRepository,
  type Order,
  type Page,
  type PageRequest,
  type Payment,
  type PaymentRepository,
  type WaitlistEntry,
  type WaitlistRepository,
} from '@livedrops/core';
import { orderView } from './memory-orders.js';
import type { MemoryStore } from './memory-store.js';

const copy = (p: Payment): Payment => ({ ...p });

export class MemoryHoldRepository implements HoldRepository {
  constructor(private readonly s: MemoryStore) {}

  async due(now: number, limit: number): Promise<Order[]> {
    return [...this.s.orders.values()]
      .filter((o) => o.status === 'held' && o.expiresAt != null && o.expiresAt <= now)
      .sort((a, b) => a.expiresAt! - b.expiresAt! || (a.id < b.id ? -1 : 1))
      .slice(0, limit)
      .map((o) => orderView(this.s, o));
  }

  async openCount(): Promise<number> {
    let n = 0;
    for (const o of this.s.orders.values()) if (o.status === 'held') n++;
    return n;
  }
}

const UNSETTLED = new Set(['authorizing', 'authorized', 'voiding']);

export class MemoryPaymentRepository implements PaymentRepository {
  constructor(private readonly s: MemoryStore) {}

  async findById(id: string): Promise<Payment | null> {
    const p = this.s.payments.get(id);
    return p ? copy(p) : null;
  }

  async findByRequest(orderId: string, requestKey: string): Promise<Payment | null> {
    const mine = [...this.s.payments.values()].filter((p) => p.orderId === orderId && p.requestKey === requestKey);
    const newest = mine.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))[0];
    return newest ? copy(newest) : null;
  }

  async unsettled(now: number, limit: number): Promise<Payment[]> {
    return [...this.s.payments.values()]
      .filter((p) => UNSETTLED.has(p.status) && p.leaseUntil <= now)
      .sort((a, b) => a.leaseUntil - b.leaseUntil)
      .slice(0, limit)
      .map(copy);
  }

  async listByDrop(dropId: string): Promise<Payment[]> {
    return [...this.s.payments.values()]
      .filter((p) => p.dropId === dropId)
      .sort((a, b) => a.createdAt - b.createdAt)
      .map(copy);
  }
}

export class MemoryWaitlistRepository implements WaitlistRepository {
  constructor(private readonly s: MemoryStore) {}

  async join(dropId: string, userId: string, at: number): Promise<{ entry: WaitlistEntry; created: boolean }> {
    let list = this.s.waitlist.get(dropId);
    if (!list) this.s.waitlist.set(dropId, (list = new Map()));
    const joinedAt = list.get(userId);
    if (joinedAt !== undefined) return { entry: { dropId, userId, joinedAt }, created: false };
    list.set(userId, at);
    return { entry: { dropId, userId, joinedAt: at }, created: true };
  }

  async leave(dropId: string, userId: string): Promise<boolean> {
    return this.s.waitlist.get(dropId)?.delete(userId) ?? false;
  }

  async listByUser(userId: string, page: PageRequest): Promise<Page<WaitlistEntry>> {
    const rows: WaitlistEntry[] = [];
    for (const [dropId, list] of this.s.waitlist) {
      const joinedAt = list.get(userId);
      if (joinedAt !== undefined && isAfterDesc(joinedAt, dropId, page.after)) rows.push({ dropId, userId, joinedAt });
    }
    rows.sort((a, b) => b.joinedAt - a.joinedAt || (a.dropId < b.dropId ? 1 : -1));
    return pageOf(rows.slice(0, page.limit + 1), page.limit, (e) => ({ key: e.joinedAt, id: e.dropId }));
  }
}

/** A drop's waitlist in join order (joinedAt, then user id), as the SQL adapters order it. */
export function joinOrder(s: MemoryStore, dropId: string): WaitlistEntry[] {
  return [...(s.waitlist.get(dropId) ?? [])]
    .map(([userId, joinedAt]) => ({ dropId, userId, joinedAt }))
    .sort((a, b) => a.joinedAt - b.joinedAt || (a.userId < b.userId ? -1 : 1));
}
