import type { Cluster, Person } from './fault-clients.js';
import { sql } from './services.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One buyer's hold on the pay drop and what became of it, as their client saw it. */
export interface HoldRecord {
  buyer: Person;
  orderId?: string;
  /** The payment's key and the last answer it got (200 confirmed; 0 none). */
  pay?: { key: string; method: string; status: number; code?: string };
  plan: 'pay' | 'slow' | 'cancel' | 'abandon';
}

/** A request as a careful client sends it: the same key on every attempt, each retry on the next instance, until a business answer. */
async function persist(
  c: Cluster,
  start: number,
  method: string,
  path: string,
  body: unknown,
  token: string,
  key?: string,
  deadline = Date.now() + 60_000,
) {
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    const a = await c.once(start + attempt, method, path, body, token, key);
    const code = a.json?.code as string | undefined;
    if (a.status !== 0 && a.status < 500 && code !== 'idempotency_key_in_use') return a;
    await sleep(code === 'idempotency_key_in_use' ? 300 : Math.min(100 * 2 ** attempt, 1_000));
  }
  return { status: 0 };
}

/**
 * The pay drop's buyers: every hold is placed through instance `via` (b, which the test kills
 * twice: during these payments, and again when the abandoned holds fall due), then paid
 * (pm_card_visa, or pm_card_slow so the kill catches payments in the gateway), cancelled or
 * abandoned. Payments are retried on the other instances with the same key.
 */
export async function payDropBuyers(
  c: Cluster,
  buyers: Person[],
  dropId: string,
  via: number,
  startsAt: number,
): Promise<HoldRecord[]> {
  const plans: HoldRecord['plan'][] = ['pay', 'slow', 'pay', 'abandon', 'cancel', 'abandon', 'pay', 'slow'];
  return Promise.all(
    buyers.map(async (buyer, i) => {
      const rec: HoldRecord = { buyer, plan: plans[i % plans.length]! };
      await sleep(Math.max(0, startsAt - Date.now()) + i * 150);
      const held = await persist(
        c,
        via,
        'POST',
        '/v1/orders',
        { dropId, quantity: 1 + (i % 2) },
        buyer.token,
        `pay-hold-${buyer.handle}`,
      );
      if (held.status !== 201) return rec;
      rec.orderId = held.json.id;
      if (rec.plan === 'cancel')
        await persist(c, via + 1, 'POST', `/v1/orders/${rec.orderId}/cancel`, undefined, buyer.token);
      if (rec.plan === 'pay' || rec.plan === 'slow') {
        const method = rec.plan === 'slow' ? 'pm_card_slow' : 'pm_card_visa';
        const key = `pay-${buyer.handle}`;
        const a = await persist(
          c,
          via,
          'POST',
          `/v1/orders/${rec.orderId}/payment`,
          { paymentMethodId: method },
          buyer.token,
          key,
        );
        rec.pay = { key, method, status: a.status, code: a.json?.code };
      }
      return rec;
    }),
  );
}

/** Waits until the drop has no hold left and no payment owes the gateway a call (or `deadline`). */
export async function untilPayDropSettles(db: string, dropId: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const [[held, owed]] = (await sql(
      db,
      `SELECT (SELECT COUNT(*) FROM orders WHERE drop_id = '${dropId}' AND status = 'held'),
      (SELECT COUNT(*) FROM payments WHERE drop_id = '${dropId}' AND status IN ('authorizing', 'authorized', 'voiding'))`,
    )) as [[string, string]];
    if (Number(held) === 0 && Number(owed) === 0) return;
    await sleep(250);
  }
}

/**
 * The pay drop, from the database: units in confirmed and held orders match `sold` and never
 * pass the total; every unpaid hold returned its units once (`returned`, one end event each);
 * a confirmed order has one captured payment, every other authorization is voided; and every
 * 200 a buyer got is a confirmed order.
 */
export async function checkPayDrop(db: string, dropId: string, records: HoldRecord[]): Promise<string[]> {
  const bad: string[] = [];
  const [[total, sold, returned, paid]] = (
    await sql(db, `SELECT total, sold, returned, paid FROM drops WHERE id = '${dropId}'`)
  ).map((r) => r.map(Number)) as [[number, number, number, number]];
  const orders = await sql(db, `SELECT id, status, quantity, payment_id FROM orders WHERE drop_id = '${dropId}'`);
  const units = (s: string) => orders.filter((o) => o[1] === s).reduce((n, o) => n + Number(o[2]), 0);
  if (units('held') !== 0) bad.push(`${units('held')} units still held`);
  if (sold !== units('confirmed') + units('held') || sold > total)
    bad.push(`sold ${sold} of ${total}, orders say ${units('confirmed') + units('held')}`);
  if (returned !== units('expired') + units('cancelled'))
    bad.push(`returned ${returned}, expired + cancelled ${units('expired') + units('cancelled')}`);
  if (paid !== units('confirmed')) bad.push(`paid ${paid}, confirmed ${units('confirmed')}`);
  const ends = await sql(
    db,
    `SELECT data->>'orderId', COUNT(*) FROM outbox WHERE drop_id = '${dropId}' AND type IN ('order.expired', 'order.cancelled', 'order.confirmed') GROUP BY 1`,
  );
  const ended = new Map(ends.map(([id, n]) => [id!, Number(n)]));
  for (const [id, status] of orders)
    if (ended.get(id!) !== 1) bad.push(`order ${id} (${status}) ended ${ended.get(id!) ?? 0} times`);
  const payments = await sql(
    db,
    `SELECT p.id, p.status, o.status, o.payment_id = p.id, COALESCE(g.status, '') FROM payments p JOIN orders o ON o.id = p.order_id
    LEFT JOIN sandbox_gateway g ON g.key = p.id WHERE p.drop_id = '${dropId}'`,
  );
  for (const [id, status, orderStatus, confirmedByIt, gateway] of payments) {
    const mine = orderStatus === 'confirmed' && confirmedByIt === 't';
    if (mine && (status !== 'captured' || gateway !== 'captured'))
      bad.push(`payment ${id} confirmed its order but is ${status}/${gateway}`);
    if (!mine && !(['voided', 'declined'].includes(status!) && ['', 'voided', 'declined'].includes(gateway!)))
      bad.push(`payment ${id} of a ${orderStatus} order is ${status}/${gateway}`);
  }
  for (const [id, status] of orders.filter((o) => o[1] === 'confirmed')) {
    if (!payments.some((p) => p[3] === 't' && orders.find((o) => o[0] === id)?.[3] === p[0]))
      bad.push(`order ${id} is ${status} without its payment`);
  }
  for (const r of records)
    if (r.pay?.status === 200 && orders.find((o) => o[0] === r.orderId)?.[1] !== 'confirmed')
      bad.push(`${r.buyer.handle} was told paid, order ${r.orderId} is not confirmed`);
  return bad;
}
