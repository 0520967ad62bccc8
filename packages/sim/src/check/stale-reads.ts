import type { CheckStats, Observed, Violation } from '../history/observed.js';
import type { Op, OrderOk, ReadDropOk } from '../history/types.js';

/**
 * api.md freshness: once an order response has returned, every later GET of that drop
 * shows `available` no higher than that order left it. Stock only ever goes down, so a read
 * that began after another read (or an acknowledged order) finished may not show more than
 * that one did: a per-drop ceiling, lowered by each completion, checked at each read's invoke.
 */
export function checkStaleReads(ops: Op[], observed: Observed, v: Violation[], stats: CheckStats): void {
  const totals = new Map(observed.drops.map((d) => [d.id, d.total]));
  const ceiling = new Map<string, { value: number; setBy: number }>();
  const soldAcked = new Map<string, number>();
  const seenOrders = new Set<string>();
  const atInvoke = new Map<number, { value: number; setBy: number } | undefined>();
  const lower = (dropId: string, value: number, setBy: number): void => {
    const c = ceiling.get(dropId);
    if (!c || value < c.value) ceiling.set(dropId, { value, setBy });
  };
  for (const op of ops) {
    if (op.f === 'read-drop') {
      if (op.type === 'invoke') {
        atInvoke.set(op.index, ceiling.get((op.value as { dropId: string }).dropId));
        continue;
      }
      if (op.type !== 'ok') continue;
      const r = op.value as ReadDropOk;
      const c = atInvoke.get(op.invoke ?? -1);
      if (c && r.available > c.value) {
        stats.staleReads++;
        v.push({
          kind: 'stale-read',
          message: `drop ${r.dropId}: read showed available ${r.available} after op ${c.setBy} had left it at most ${c.value}`,
          ops: [op.invoke!, op.index, c.setBy],
        });
      }
      lower(r.dropId, r.available, op.index);
    } else if (op.f === 'order' && op.type === 'ok') {
      const o = op.value as OrderOk;
      const total = totals.get(o.dropId);
      if (total === undefined || seenOrders.has(o.orderId)) continue;
      seenOrders.add(o.orderId);
      const sold = (soldAcked.get(o.dropId) ?? 0) + o.quantity;
      soldAcked.set(o.dropId, sold);
      lower(o.dropId, Math.max(0, total - sold), op.index);
    }
  }
}
