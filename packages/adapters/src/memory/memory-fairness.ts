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
}
