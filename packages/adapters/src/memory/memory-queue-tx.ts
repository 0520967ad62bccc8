import { PASS_IN_FLIGHT_MS, type TxContext } from '@livedrops/core';
import { inLine } from './memory-queues.js';
import type { MemoryStore, QueueEntryRow } from './memory-store.js';

/** The memory engine's waiting-room writers (one transaction at a time: no lock); each write records its undo. */
export function memoryQueueTx(s: MemoryStore, undo: Array<() => void>): Pick<TxContext, 'queues'> {
  const entries = (dropId: string): QueueEntryRow[] => [...(s.queues.get(dropId)?.values() ?? [])];
  const waiting = (dropId: string) =>
    entries(dropId)
      .filter((e) => e.state === 'waiting' && e.rank !== null)
      .sort(inLine);
  const change = <K extends keyof QueueEntryRow>(e: QueueEntryRow, patch: Pick<QueueEntryRow, K>) => {
    const before = { ...e };
    Object.assign(e, patch);
    undo.push(() => Object.assign(e, before));
  };
  return {
    queues: {
      lockStock: async (dropId) => {
        const d = s.drops.get(dropId);
        return d ? { total: d.total, sold: d.sold, paid: d.paid } : null;
      },
      livePasses: async (dropId, now) =>
        entries(dropId).filter(
          (e) =>
            e.state === 'admitted' &&
            e.spentAt === null &&
            ((e.passExpiresAt ?? 0) > now || (e.usedKey !== null && (e.passExpiresAt ?? 0) > now - PASS_IN_FLIGHT_MS)),
        ).length,
      spendOrdered: async (dropId, at) => {
        const ordered = new Set([...s.orders.values()].filter((o) => o.dropId === dropId).map((o) => o.userId));
        const left = entries(dropId).filter(
          (e) => e.state === 'admitted' && e.spentAt === null && e.usedKey !== null && ordered.has(e.userId),
        );
        for (const e of left) change(e, { spentAt: at });
        return left.length;
      },
      line: async (dropId, limit) =>
        waiting(dropId)
          .slice(0, limit)
          .map((e) => ({ userId: e.userId, toldPosition: e.toldPosition, toldEta: e.toldEta, toldAt: e.toldAt })),
      admit: async (dropId, grants, expiresAt, at) =>
        grants.flatMap(({ userId, pass }) => {
          const e = s.queues.get(dropId)?.get(userId);
          if (e?.state !== 'waiting') return [];
          change(e, { state: 'admitted', pass, passExpiresAt: expiresAt, admittedAt: at });
          return [userId];
        }),
      closeWaiting: async (dropId, limit) =>
        entries(dropId)
          .filter((e) => e.state === 'waiting')
          .sort(inLine)
          .slice(0, limit)
          .map((e) => {
            change(e, { state: 'closed' });
            return e.userId;
          }),
      preQueue: async (dropId) =>
        entries(dropId)
          .filter((e) => e.rank === null)
          .map((e) => e.userId),
      rankPreQueue: async (dropId, order) =>
        order.forEach((userId, i) => {
          const e = s.queues.get(dropId)?.get(userId);
          if (e) change(e, { rank: i });
        }),
      notePositions: async (dropId, notes, at, minGapMs) =>
        notes
          .filter(({ userId, position, eta }) => {
            const e = s.queues.get(dropId)?.get(userId);
            if (e?.state !== 'waiting' || (e.toldAt !== null && e.toldAt > at - minGapMs)) return false;
            change(e, { toldPosition: position, toldEta: eta, toldAt: at });
            return true;
          })
          .map((n) => n.userId),
    },
  };
}
