import type { CheckStats, Observed, Violation } from '../history/observed.js';
import type { Op } from '../history/types.js';
import { isDeterminate, type KeyRecord } from './order-keys.js';

/** An order the server acknowledged (201), with the operations that saw it. */
export interface Acked {
  orderId: string;
  userId: string;
  dropId: string;
  quantity: number;
  /** The first completion that returned it, and the invoke of the intent's first attempt. */
  op: Op;
  firstInvoke: Op;
}

const MAX_NAMED = 50;
const names = (ops: Op[]): number[] => ops.slice(0, MAX_NAMED).map((o) => o.index);

/**
 * Per key: one outcome only (a second order id is a duplicate; 201 and a refusal for the
 * same key is an inconsistent replay). Returns the acknowledged orders, by id.
 */
export function checkKeys(keys: Map<string, KeyRecord>, v: Violation[], stats: CheckStats): Map<string, Acked> {
  const acked = new Map<string, Acked>();
  for (const k of keys.values()) {
    stats.keys++;
    if (!isDeterminate(k)) {
      stats.indeterminateKeys++;
      continue;
    }
    stats.infoResolved += k.infos.length;
    const ids = [...new Set(k.oks.map((o) => o.value.orderId))];
    if (ids.length > 1) {
      stats.duplicateOrders += ids.length - 1;
      v.push({
        kind: 'duplicate-order',
        message: `user ${k.userId} key ${k.key}: ${ids.length} different orders (${ids.join(', ')}) for one Idempotency-Key`,
        ops: names(k.oks.map((o) => o.op)),
      });
    }
    const codes = [...new Set(k.refusals.map((r) => r.code))];
    if ((ids.length > 0 && codes.length > 0) || codes.length > 1) {
      const outcomes = [...ids.map((id) => `201 order ${id}`), ...codes.map((c) => `409 ${c}`)];
      v.push({
        kind: 'inconsistent-replay',
        message: `user ${k.userId} key ${k.key} answered ${outcomes.join(' and ')}: a key has one stored outcome`,
        ops: names([...k.oks.map((o) => o.op), ...k.refusals.map((r) => r.op)]),
      });
    }
    const first = k.oks[0];
    if (!first) continue;
    const firstInvoke = k.oks.map((o) => o.invoke).reduce((a, b) => (a.index < b.index ? a : b));
    for (const id of ids) {
      const o = k.oks.find((x) => x.value.orderId === id)!;
      acked.set(id, {
        orderId: id,
        userId: k.userId,
        dropId: o.value.dropId,
        quantity: o.value.quantity,
        op: o.op,
        firstInvoke,
      });
    }
  }
  stats.ackedOrders = acked.size;
  return acked;
}

/**
 * Against the API's view: every acknowledged order is in its buyer's list (else lost); no
 * buyer has orders that no key explains (else duplicated); per drop, confirmed units stay
 * within the total and `available = total − sold` exactly.
 */
export function checkAgainstServer(
  keys: Map<string, KeyRecord>,
  acked: Map<string, Acked>,
  observed: Observed,
  v: Violation[],
  stats: CheckStats,
): void {
  const unresolvedByUser = new Map<string, number>();
  for (const k of keys.values())
    if (!isDeterminate(k)) unresolvedByUser.set(k.userId, (unresolvedByUser.get(k.userId) ?? 0) + 1);
  const ackedByUser = new Map<string, Acked[]>();
  for (const a of acked.values()) ackedByUser.set(a.userId, [...(ackedByUser.get(a.userId) ?? []), a]);

  for (const [userId, orders] of Object.entries(observed.orders)) {
    const onServer = new Set(orders.map((o) => o.id));
    const mine = ackedByUser.get(userId) ?? [];
    for (const a of mine) {
      if (onServer.has(a.orderId)) continue;
      stats.lostOrders++;
      v.push({
        kind: 'lost-order',
        message: `order ${a.orderId} was acknowledged to user ${userId} but is not in GET /v1/me/orders`,
        ops: [a.op.index],
      });
    }
    const extra = orders.filter((o) => !acked.has(o.id));
    const explainable = unresolvedByUser.get(userId) ?? 0;
    if (extra.length > explainable) {
      stats.duplicateOrders += extra.length - explainable;
      v.push({
        kind: 'duplicate-order',
        message: `user ${userId} has ${extra.length} order(s) no acknowledged key accounts for (${extra.map((o) => o.id).join(', ')}), with ${explainable} key(s) unresolved`,
        ops: names(mine.map((a) => a.op)),
      });
    }
  }

  for (const d of observed.drops) {
    const sold = Object.values(observed.orders)
      .flat()
      .filter((o) => o.dropId === d.id)
      .reduce((s, o) => s + o.quantity, 0);
    const mine = [...acked.values()].filter((a) => a.dropId === d.id).sort((a, b) => a.op.index - b.op.index);
    const ackedUnits = mine.reduce((s, a) => s + a.quantity, 0);
    const over = Math.max(sold, ackedUnits) - d.total;
    if (over > 0) {
      stats.oversoldUnits += over;
      let sum = 0;
      const beyond = mine.filter((a) => (sum += a.quantity) > d.total).map((a) => a.op);
      v.push({
        kind: 'oversold',
        message: `drop ${d.id}: ${Math.max(sold, ackedUnits)} units confirmed (${sold} in buyers' orders, ${ackedUnits} acknowledged) of ${d.total}: oversold by ${over}`,
        ops: names(beyond),
      });
    }
    if (d.available !== d.total - sold) {
      v.push({
        kind: 'stock-mismatch',
        message: `drop ${d.id}: available ${d.available}, but total ${d.total} − sold ${sold} (from buyers' orders) = ${d.total - sold}`,
        ops: [],
      });
    }
  }
}
