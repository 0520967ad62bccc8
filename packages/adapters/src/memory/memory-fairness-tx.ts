import type { TxContext } from '@livedrops/core';
import type { MemoryStore } from './memory-store.js';

/** The memory engine's fair-access writers; each write records its undo, as the unit of work requires. */
export function memoryFairnessTx(s: MemoryStore, undo: Array<() => void>): Pick<TxContext, 'fairness' | 'draws'> {
  const entries = (dropId: string) => [...(s.drawEntries.get(dropId)?.values() ?? [])];
  return {
    fairness: {
      claim: async (dropId, at) => {
        const row = s.drops.get(dropId);
        if (!row || row.shuffledAt !== null) return false;
        row.shuffledAt = at;
        undo.push(() => (row.shuffledAt = null));
        return true;
      },
      record: async (shuffle) => {
        s.shuffles.set(shuffle.dropId, structuredClone(shuffle));
        undo.push(() => s.shuffles.delete(shuffle.dropId));
      },
    },
    draws: {
      entrants: async (dropId) => entries(dropId).map((e) => e.userId),
      rank: async (dropId, order) => {
        const byUser = s.drawEntries.get(dropId);
        order.forEach((userId, i) => {
          const entry = byUser?.get(userId);
          if (!entry) return;
          const before = entry.rank;
          entry.rank = i;
          undo.push(() => (entry.rank = before));
        });
      },
      nextUngranted: async (dropId, limit) =>
        entries(dropId)
          .filter((e) => e.rank !== null && e.grantedAt === null)
          .sort((a, b) => a.rank! - b.rank!)
          .slice(0, limit)
          .map((e) => ({ ...e })),
      markGranted: async (dropId, userId, at) => {
        const entry = s.drawEntries.get(dropId)?.get(userId);
        if (!entry || entry.grantedAt !== null) return;
        entry.grantedAt = at;
        undo.push(() => (entry.grantedAt = null));
      },
    },
  };
}
