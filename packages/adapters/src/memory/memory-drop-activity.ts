import type { Audience, DropActivity, EventTiming, OrderActivity } from '@livedrops/core';
import type { MemoryStore } from './memory-store.js';

/** The reference answers: plain scans of the store's tables. */
export class MemoryDropActivity implements DropActivity {
  constructor(private readonly s: MemoryStore) {}

  private confirmed(dropId: string) {
    return [...this.s.orders.values()].filter((o) => o.dropId === dropId && o.status === 'confirmed');
  }

  async orders(dropId: string, since: number): Promise<OrderActivity> {
    const orders = this.confirmed(dropId);
    const times = orders.map((o) => o.createdAt);
    return {
      count: orders.length,
      buyers: new Set(orders.map((o) => o.userId)).size,
      firstAt: times.length ? Math.min(...times) : null,
      lastAt: times.length ? Math.max(...times) : null,
      countSince: times.filter((t) => t >= since).length,
    };
  }

  async followerEvents(dropId: string): Promise<EventTiming[]> {
    return this.s.outbox
      .filter((r) => r.event.dropId === dropId && r.event.userId === null)
      .sort((a, b) => a.event.createdAt - b.event.createdAt || a.seq - b.seq)
      .map((r) => ({ type: r.event.type, createdAt: r.event.createdAt, publishedAt: r.publishedAt }));
  }

  async audience(dropId: string, creatorId: string, notifiedAt: number): Promise<Audience> {
    const followers = this.s.followers.get(creatorId) ?? new Map<string, number>();
    const told = (userId: string): boolean => (followers.get(userId) ?? Infinity) <= notifiedAt;
    const buyers = new Set(
      this.confirmed(dropId)
        .map((o) => o.userId)
        .filter(told),
    );
    return { notified: [...followers.values()].filter((at) => at <= notifiedAt).length, buyers: buyers.size };
  }
}
