import type { ObservedDrop } from '../history/observed.js';
import type { Receipt } from '../history/types.js';
import type { LatencyBook } from './latency.js';

export const NOTIFY_SERIES = 'notification (all types, from trigger)';

/**
 * When a notification's clock starts, as a user would feel it: `drop.started` from the drop's
 * startsAt (so the scheduler's delay counts), every other type from when the event was
 * committed (an order, or the order that crossed a threshold). Server and simulator share a
 * clock in the embedded profile.
 */
export function notificationTrigger(drops: ObservedDrop[]): (r: Receipt) => number | undefined {
  const startsAt = new Map(drops.map((d) => [d.id, d.startsAt]));
  return (r) => (r.type === 'drop.started' ? startsAt.get(r.dropId ?? '') : r.createdAt);
}

/** Notification latency from its trigger, first arrival per stream and event only. */
export function recordNotificationLatency(book: LatencyBook, receipts: Receipt[], drops: ObservedDrop[]): void {
  const trigger = notificationTrigger(drops);
  const seen = new Set<string>();
  for (const r of receipts) {
    const once = `${r.userId}\u0000${r.id}`;
    if (seen.has(once)) continue;
    seen.add(once);
    const from = trigger(r);
    if (from === undefined) continue;
    const ms = Math.max(0, r.at - from);
    book.record(`notify ${r.type}`, ms);
    book.record(NOTIFY_SERIES, ms);
  }
}
