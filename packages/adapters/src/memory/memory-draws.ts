import { EntriesClosedError, type DrawEntry, type DrawRepository } from '@livedrops/core';
import type { MemoryStore } from './memory-store.js';

/** Draw entries of the memory engine (one caller at a time, so the claim check is exact). */
export class MemoryDrawRepository implements DrawRepository {
  constructor(private readonly s: MemoryStore) {}

  async enter(entry: DrawEntry): Promise<{ entry: DrawEntry; created: boolean }> {
    const existing = await this.find(entry.dropId, entry.userId);
    if (existing) return { entry: existing, created: false };
    const drop = this.s.drops.get(entry.dropId);
    if (!drop || drop.shuffledAt !== null) throw new EntriesClosedError();
    let byUser = this.s.drawEntries.get(entry.dropId);
    if (!byUser) this.s.drawEntries.set(entry.dropId, (byUser = new Map()));
    byUser.set(entry.userId, { ...entry });
    return { entry: { ...entry }, created: true };
  }

  async find(dropId: string, userId: string): Promise<DrawEntry | null> {
    const entry = this.s.drawEntries.get(dropId)?.get(userId);
    return entry ? { ...entry } : null;
  }
}
