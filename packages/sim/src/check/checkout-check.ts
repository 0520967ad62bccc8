import type { CheckResult, Violation } from '../history/observed.js';
import type { CheckoutInvoke, CheckoutValue, Op } from '../history/types.js';
import type { DbSample, DbSnapshot } from '../checkout/db-view.js';
import { emptyStats } from './checker.js';
import { checkPayments } from './checkout-payments-check.js';
import { checkKeys } from './orders-check.js';
import { keyRecords } from './order-keys.js';

/** What the checkout checker compares the history with: the database at the end and during the run, the API and the inboxes. */
export interface CheckoutObserved {
  total: number;
  perUserLimit: number | null;
  /** The drop as GET /v1/drops/{id} showed it at the end. */
  api: { available: number; held: number };
  db: DbSnapshot;
  samples: DbSample[];
  /** userId → the types and order ids in their inbox (drop's events only). */
  inboxes: Record<string, Array<{ type: string; orderId: string | undefined }>>;
}

const ENDS = new Set(['order.confirmed', 'order.expired', 'order.cancelled']);
const END_OF: Record<string, string> = {
  confirmed: 'order.confirmed',
  expired: 'order.expired',
  cancelled: 'order.cancelled',
};

/**
 * The checkout scenario's rules: confirmed + held ≤ total at every sampled instant and within
 * each buyer's limit; at the end `available = total − confirmed − held` on the API and in the
 * drop's counters, every hold ended exactly once, no unit offered twice, money matches orders
 * (checkout-payments-check.ts), and every answer a buyer got is what the database holds.
 */
export function checkCheckout(ops: Op[], ob: CheckoutObserved): CheckResult {
  const v: Violation[] = [];
  const stats = emptyStats();
  const acked = checkKeys(keyRecords(ops), v, stats);
  for (const s of ob.samples) {
    if (s.held + s.confirmed > ob.total)
      v.push({
        kind: 'hold-overcommit',
        message: `at +${(s.t / 1000).toFixed(2)} s: ${s.confirmed} confirmed + ${s.held} held > ${ob.total} units`,
        ops: [],
      });
    for (const [u, q] of Object.entries(s.perUser))
      v.push({
        kind: 'limit-exceeded',
        message: `at +${(s.t / 1000).toFixed(2)} s: user ${u} held or bought ${q} > the limit ${ob.perUserLimit}`,
        ops: [],
      });
  }
  const units = { held: 0, confirmed: 0, expired: 0, cancelled: 0 } as Record<string, number>;
  for (const o of ob.db.orders) units[o.status] = (units[o.status] ?? 0) + o.quantity;
  const { held, confirmed } = units as { held: number; confirmed: number };
  const mismatch = (what: string, shown: number, expected: number) =>
    shown !== expected &&
    v.push({ kind: 'stock-mismatch', message: `${what} is ${shown}, the orders say ${expected}`, ops: [] });
  mismatch('available (API)', ob.api.available, ob.total - confirmed - held);
  mismatch('held (API)', ob.api.held, held);
  mismatch("the drop's sold (confirmed + held)", ob.db.drop.sold, confirmed + held);
  mismatch("the drop's returned (expired + cancelled)", ob.db.drop.returned, units.expired! + units.cancelled!);
  mismatch("the drop's paid", ob.db.drop.paid, confirmed);
  if (confirmed + held > ob.total)
    v.push({
      kind: 'hold-overcommit',
      message: `at the end: ${confirmed} confirmed + ${held} held > ${ob.total}`,
      ops: [],
    });

  const events = new Map<string, string[]>();
  for (const e of ob.db.events) if (e.orderId) events.set(e.orderId, [...(events.get(e.orderId) ?? []), e.type]);
  const offers = new Map<string, number>();
  for (const o of ob.db.orders) {
    const ev = events.get(o.id) ?? [];
    if (o.status === 'held')
      v.push({
        kind: 'hold-not-ended',
        message: `order ${o.id} is still held after its deadline and the run's end`,
        ops: [],
      });
    const ends = ev.filter((t) => ENDS.has(t)).length;
    if (ends > 1)
      v.push({
        kind: 'hold-ended-twice',
        message: `order ${o.id} (${o.status}) ended ${ends} times: ${ev.join(', ')}`,
        ops: [],
      });
    if (o.status !== 'held' && ends === 0)
      v.push({
        kind: 'hold-not-ended',
        message: `order ${o.id} is ${o.status}, but no event ended it (${ev.join(', ') || 'none'})`,
        ops: [],
      });
    if (ev.includes('order.offered')) offers.set(o.userId, (offers.get(o.userId) ?? 0) + 1);
    const inbox = ob.inboxes[o.userId];
    if (!inbox) continue;
    for (const want of [ev.includes('order.offered') ? 'order.offered' : 'order.held', END_OF[o.status]]) {
      if (want && !inbox.some((n) => n.type === want && n.orderId === o.id)) {
        stats.missingNotifications++;
        v.push({
          kind: 'missing-notification',
          message: `user ${o.userId}'s inbox has no ${want} for order ${o.id}`,
          ops: [],
        });
      }
    }
  }
  for (const [u, n] of offers)
    if (n > 1)
      v.push({
        kind: 'double-offer',
        message: `user ${u} was offered ${n} units from one place on the waitlist`,
        ops: [],
      });
  const offered = [...offers.values()].reduce((a, b) => a + b, 0);
  if (offered > ob.db.drop.returned)
    v.push({
      kind: 'double-offer',
      message: `${offered} units offered, but only ${ob.db.drop.returned} came back`,
      ops: [],
    });
  checkPayments(ob.db, v);
  checkAnswers(ops, ob.db, acked, v, stats);
  return { valid: v.length === 0, violations: v, stats };
}

/** What each buyer was told against what the database holds. */
function checkAnswers(
  ops: Op[],
  db: DbSnapshot,
  acked: ReturnType<typeof checkKeys>,
  v: Violation[],
  stats: CheckResult['stats'],
): void {
  const orders = new Map(db.orders.map((o) => [o.id, o]));
  for (const a of acked.values()) {
    if (orders.has(a.orderId)) continue;
    stats.lostOrders++;
    v.push({
      kind: 'lost-order',
      message: `hold ${a.orderId} was acknowledged to user ${a.userId} but is not in the database`,
      ops: [a.op.index],
    });
  }
  const invokes = new Map(ops.filter((o) => o.type === 'invoke').map((o) => [o.index, o]));
  for (const op of ops) {
    if ((op.f !== 'pay' && op.f !== 'cancel') || op.type === 'invoke' || op.type === 'info') continue;
    const inv = invokes.get(op.invoke!)!.value as CheckoutInvoke;
    const got = op.value as CheckoutValue;
    const o = orders.get(inv.orderId!);
    const expect =
      op.f === 'cancel'
        ? got.status === 200
          ? 'cancelled'
          : null
        : got.status === 200
          ? 'confirmed'
          : got.code === 'hold_expired'
            ? 'expired'
            : null;
    if (expect && o?.status !== expect) {
      v.push({
        kind: 'answer-mismatch',
        message: `${op.f} of order ${inv.orderId} answered ${got.status}${got.code ? ` ${got.code}` : ''}, but the order is ${o?.status ?? 'missing'}`,
        ops: [op.invoke!, op.index],
      });
    }
  }
}
