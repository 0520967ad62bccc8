import { AFTER_START, type QueueEntry, type QueueRepository } from '@livedrops/core';
import type { MemoryStore } from './memory-store.js';

/** In line order: rank, then user id; pre-queue entries (rank null) are not in the line yet. */
export const inLine = (
  a: { rank: number | null; userId: string },
  b: { rank: number | null; userId: string },
): number => a.rank! - b.rank! || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);

/** Waiting rooms of the memory engine. */
export class MemoryQueueRepository implements QueueRepository {
  constructor(private readonly s: MemoryStore) {}

  private entries(dropId: string): QueueEntry[] {
    return [...(this.s.queues.get(dropId)?.values() ?? [])];
  }

  async join(entry: QueueEntry): Promise<{ entry: QueueEntry; created: boolean }> {
    // No await before the write: two joins of one user at once must not both insert.
    const existing = this.s.queues.get(entry.dropId)?.get(entry.userId);
    if (existing) return { entry: (await this.find(entry.dropId, entry.userId))!, created: false };
    const shuffled = this.s.drops.get(entry.dropId)?.shuffledAt != null;
    const stored = { ...entry, rank: entry.rank === null && shuffled ? AFTER_START + entry.joinedAt : entry.rank };
    let byUser = this.s.queues.get(entry.dropId);
    if (!byUser) this.s.queues.set(entry.dropId, (byUser = new Map()));
    byUser.set(entry.userId, { ...stored, toldPosition: null, toldEta: null, toldAt: null, spentAt: null });
    return { entry: stored, created: true };
  }

  async find(dropId: string, userId: string): Promise<QueueEntry | null> {
    const e = this.s.queues.get(dropId)?.get(userId);
    if (!e) return null;
    const { toldPosition: _p, toldEta: _e, toldAt: _a, spentAt: _s, ...entry } = e;
    return entry;
  }

  async position(e: QueueEntry): Promise<number | null> {
    if (e.rank === null || e.state !== 'waiting') return null;
    // Before the start's shuffle the pre-queue has no ranks yet, but all of it is ahead of an arrival.
    const ahead = (x: QueueEntry) => (x.rank === null ? e.rank! >= AFTER_START : inLine(x, e) < 0);
    return this.entries(e.dropId).filter((x) => x.state === 'waiting' && ahead(x)).length + 1;
  }

  async admittedSince(dropId: string, since: number): Promise<number> {
    return this.entries(dropId).filter((e) => e.admittedAt !== null && e.admittedAt >= since).length;
  }

  async waitingCount(): Promise<number> {
    return [...this.s.queues.values()].reduce(
      (n, m) => n + [...m.values()].filter((e) => e.state === 'waiting').length,
      0,
    );
  }

  async active(limit: number): Promise<string[]> {
    return [...this.s.drops.values()]
      .filter(
        (d) =>
          d.access === 'queue' &&
          (d.shuffledAt !== null || d.cancelledAt !== null) &&
          this.entries(d.id).some((e) => e.state === 'waiting'),
      )
      .sort((a, b) => a.startsAt - b.startsAt)
      .slice(0, limit)
      .map((d) => d.id);
  }

  async bindPass(dropId: string, userId: string, pass: string, key: string, now: number): Promise<boolean> {
    const e = this.s.queues.get(dropId)?.get(userId);
    if (e?.state !== 'admitted' || e.pass !== pass) return false;
    if (e.usedKey === key) return true;
    if (e.usedKey !== null || (e.passExpiresAt ?? 0) <= now) return false;
    e.usedKey = key;
    return true;
  }

  async releasePass(dropId: string, userId: string, key: string): Promise<void> {
    const e = this.s.queues.get(dropId)?.get(userId);
    if (e?.usedKey === key && e.spentAt === null) e.usedKey = null;
  }

  async spendPass(dropId: string, userId: string, key: string, at: number): Promise<void> {
    const e = this.s.queues.get(dropId)?.get(userId);
    if (e?.usedKey === key && e.spentAt === null) e.spentAt = at;
  }
}
