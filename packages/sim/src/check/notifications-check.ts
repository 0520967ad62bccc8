import type { CheckStats, Observed, ObservedDrop, Violation } from '../history/observed.js';
import type { Receipt, StreamRecord } from '../history/types.js';
import type { Acked } from './orders-check.js';

/** Drop events a stream may see at most once each (api.md: once per user). */
const ONCE_PER_DROP = ['drop.started', 'stock.low', 'drop.sold_out'];

/** When (epoch ms) the drop's last unit was acknowledged, if the history shows it sold out. */
function soldOutAt(d: ObservedDrop, acked: Acked[], epoch0: number): number | null {
  let sum = 0;
  for (const a of [...acked].sort((x, y) => x.op.index - y.op.index))
    if ((sum += a.quantity) >= d.total) return epoch0 + a.op.time;
  return null;
}

/**
 * Streams: no event twice; every stream that was open when a followed creator's drop
 * started got `drop.started` once, and `drop.sold_out` once if it was open at the sell-out;
 * every buyer with an open stream got `order.confirmed` for each acknowledged order.
 * Inboxes (the cross-check): each read inbox holds its acknowledged orders'
 * `order.confirmed` and the followed creators' `drop.started`.
 */
export function checkNotifications(
  observed: Observed,
  acked: Map<string, Acked>,
  v: Violation[],
  stats: CheckStats,
): void {
  const missing = (message: string, ops: number[] = []): void => {
    stats.missingNotifications++;
    v.push({ kind: 'missing-notification', message, ops });
  };
  const byUser = new Map<string, Receipt[]>();
  for (const r of observed.receipts) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r]);
  const ackedByUser = new Map<string, Acked[]>();
  for (const a of acked.values()) ackedByUser.set(a.userId, [...(ackedByUser.get(a.userId) ?? []), a]);
  const sellOuts = new Map(
    observed.drops.map((d) => [
      d.id,
      d.available === 0
        ? soldOutAt(
            d,
            [...acked.values()].filter((a) => a.dropId === d.id),
            observed.epoch0,
          )
        : null,
    ]),
  );

  for (const s of observed.streams) {
    const got = byUser.get(s.userId) ?? [];
    const counts = new Map<string, number>();
    for (const r of got) counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
    for (const [id, n] of counts) if (n > 1) duplicate(`user ${s.userId}'s stream got event ${id} ${n} times`);
    for (const type of ONCE_PER_DROP) {
      const perDrop = new Map<string, number>();
      for (const r of got) if (r.type === type && r.dropId) perDrop.set(r.dropId, (perDrop.get(r.dropId) ?? 0) + 1);
      for (const [dropId, n] of perDrop)
        if (n > 1) duplicate(`user ${s.userId}'s stream got ${type} for drop ${dropId} ${n} times`);
    }
    if (!held(s)) continue;
    const follows = new Set(observed.follows[s.userId] ?? []);
    for (const d of observed.drops) {
      if (!follows.has(d.creatorId)) continue;
      if (s.connectedAt! <= d.startsAt && !got.some((r) => r.type === 'drop.started' && r.dropId === d.id)) {
        missing(
          `user ${s.userId}'s stream (open since ${iso(s.connectedAt!)}) never got drop.started for drop ${d.id}`,
        );
      }
      const soldOut = sellOuts.get(d.id);
      if (soldOut && s.connectedAt! <= soldOut && !got.some((r) => r.type === 'drop.sold_out' && r.dropId === d.id)) {
        missing(
          `user ${s.userId}'s stream (open since ${iso(s.connectedAt!)}) never got drop.sold_out for drop ${d.id}`,
        );
      }
    }
    for (const a of ackedByUser.get(s.userId) ?? []) {
      if (s.connectedAt! > observed.epoch0 + a.firstInvoke.time) continue;
      if (!got.some((r) => r.type === 'order.confirmed' && r.orderId === a.orderId))
        missing(`user ${s.userId}'s stream never got order.confirmed for order ${a.orderId}`, [a.op.index]);
    }
  }

  for (const [userId, inbox] of Object.entries(observed.inboxes)) {
    for (const a of ackedByUser.get(userId) ?? []) {
      if (!inbox.some((n) => n.type === 'order.confirmed' && n.orderId === a.orderId))
        missing(`user ${userId}'s inbox has no order.confirmed for order ${a.orderId}`, [a.op.index]);
    }
    const follows = new Set(observed.follows[userId] ?? []);
    for (const d of observed.drops) {
      if (follows.has(d.creatorId) && !inbox.some((n) => n.type === 'drop.started' && n.dropId === d.id))
        missing(`user ${userId}'s inbox has no drop.started for drop ${d.id}`);
    }
  }

  function duplicate(message: string): void {
    stats.duplicateNotifications++;
    v.push({ kind: 'duplicate-notification', message, ops: [] });
  }
}

/** A stream that connected and never gave up reconnecting (resumes replay what it missed). */
const held = (s: StreamRecord): boolean => s.connectedAt !== null && s.lostAt === null;
const iso = (ms: number): string => new Date(ms).toISOString();
