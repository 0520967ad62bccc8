import type { FairnessRepository, Shuffle } from '@livedrops/core';
import type { DropRow, MemoryStore } from './memory-store.js';

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

  /** Unclaimed shuffles of uncancelled drops, earliest due first. */
  private pending(): DropRow[] {
    return [...this.s.drops.values()]
      .filter((d) => d.shuffledAt === null && d.cancelledAt === null && shuffleAt(d) !== Infinity)
      .sort((a, b) => shuffleAt(a) - shuffleAt(b) || (a.id < b.id ? -1 : 1));
  }

  async dueShuffles(now: number, limit: number): Promise<string[]> {
    return this.pending()
      .filter((d) => shuffleAt(d) <= now)
      .slice(0, limit)
      .map((d) => d.id);
  }

  async nextShuffleAt(): Promise<number | null> {
    const first = this.pending()[0];
    return first ? shuffleAt(first) : null;
  }
}

/** When a drop's shuffle falls due: a draw's close, a waiting room's start; never for open drops. */
function shuffleAt(d: DropRow): number {
  if (d.access === 'draw') return d.entriesCloseAt ?? Infinity;
  return d.access === 'queue' ? d.startsAt : Infinity;
}
