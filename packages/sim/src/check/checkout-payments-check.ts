import type { Violation } from '../history/observed.js';
import type { DbSnapshot } from '../checkout/db-view.js';

/**
 * Money against orders, from the database and the gateway's own ledger: a confirmed order has
 * exactly one captured payment and it is the one the order names; nothing is captured for an
 * order it did not confirm; every other authorization ended voided (or was never made: declined),
 * at the gateway too; and no order was confirmed by a payment begun after its hold's deadline.
 */
export function checkPayments(db: DbSnapshot, v: Violation[]): void {
  const orders = new Map(db.orders.map((o) => [o.id, o]));
  for (const o of db.orders.filter((x) => x.status === 'confirmed')) {
    const captured = db.payments.filter((p) => p.orderId === o.id && p.status === 'captured');
    if (captured.length === 0)
      v.push({
        kind: 'confirmed-without-capture',
        message: `order ${o.id} is confirmed, but no payment of it was captured (${
          db.payments
            .filter((p) => p.orderId === o.id)
            .map((p) => p.status)
            .join(', ') || 'none'
        })`,
        ops: [],
      });
    if (captured.length > 1)
      v.push({
        kind: 'capture-without-confirmation',
        message: `order ${o.id} was captured ${captured.length} times`,
        ops: [],
      });
    const by = db.payments.find((p) => p.id === o.paymentId);
    if (by && o.expiresAt !== null && by.createdAt >= o.expiresAt) {
      v.push({
        kind: 'confirmed-expired-hold',
        message: `order ${o.id} was confirmed by payment ${by.id}, begun at ${iso(by.createdAt)}, after its hold expired at ${iso(o.expiresAt)}`,
        ops: [],
      });
    }
    if (o.expiresAt !== null && o.endedAt !== null && o.endedAt >= o.expiresAt) {
      v.push({
        kind: 'confirmed-expired-hold',
        message: `order ${o.id} was confirmed at ${iso(o.endedAt)}, after its hold expired at ${iso(o.expiresAt)}`,
        ops: [],
      });
    }
  }
  for (const p of db.payments) {
    const o = orders.get(p.orderId);
    const confirmedByIt = o?.status === 'confirmed' && o.paymentId === p.id;
    const ledger = db.ledger[p.id];
    if (p.status === 'captured' && !confirmedByIt) {
      v.push({
        kind: 'capture-without-confirmation',
        message: `payment ${p.id} was captured, but order ${p.orderId} is ${o?.status ?? 'missing'}${o?.paymentId ? ` (confirmed by ${o.paymentId})` : ''}`,
        ops: [],
      });
    }
    if (confirmedByIt) {
      if (ledger !== 'captured')
        v.push({
          kind: 'confirmed-without-capture',
          message: `payment ${p.id} confirmed order ${p.orderId}, but the gateway shows it ${ledger ?? 'unknown'}`,
          ops: [],
        });
      continue;
    }
    const released =
      (p.status === 'voided' || p.status === 'declined') &&
      (ledger === undefined || ledger === 'voided' || ledger === 'declined');
    if (!released) {
      v.push({
        kind: 'unvoided-authorization',
        message: `payment ${p.id} of order ${p.orderId} (${o?.status ?? 'missing'}, not confirmed by it) is ${p.status}, ${ledger ?? 'nothing'} at the gateway: never voided`,
        ops: [],
      });
    }
  }
}

const iso = (ms: number): string => new Date(ms).toISOString();
