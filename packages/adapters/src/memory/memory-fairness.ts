import type { FairnessRepository, Shuffle } from '@livedrops/core';
import type { MemoryStore } from './memory-store.js';

/** Seeds and published shuffles of the memory engine. */
export class MemoryFairnessRepository implements FairnessRepository {
  constructor(private readonly s: MemoryStore) {}

  async seedOf(dropId: string): Promise<string | null> {
    return this.s.seeds.get(dropId) ?? null;
  }

  async shuffleOf(dropId: string): Promise<Shuffle | null> {
    const shuffle = this.s.shuffles.get(dropId);
    return shuffle ? structuredClone(shuffle) : null;
  }

  async dueShuffles(now: number, limit: number): Promise<string[]> {
    return [...this.s.drops.values()]
      .filter((d) => d.access === 'draw' && d.shuffledAt === null && d.cancelledAt === null && (d.entriesCloseAt ?? Infinity) <= now)
      .sort((a, b) => a.entriesCloseAt! - b.entriesCloseAt! || (a.id < b.id ? -1 : 1))
      .slice(0, limit)
      .map((d) => d.id);
  }
}
