import type { OrderRecord } from './fault-clients.js';
import type { Follower } from './fault-follower.js';
import { sql } from './services.js';

/** What the fault test counts, every one of which must be 0. */
export interface FaultReport {
  oversold: number;
  soldMismatch: number;
  /** Drops that told a buyer sold_out yet kept units unsold (a leaked hold would strand them). */
  stranded: number;
  duplicateOrders: number;
  acknowledgedMissing: number;
  eventsMissing: number;
  startedNotOnce: number;
  followersMissingStarted: number;
  streamEventsMissing: number;
  streamDuplicates: number;
  unpublished: number;
}

interface OutboxRow {
  id: string;
  type: string;
  dropId: string;
  userId: string | null;
  data: any;
  published: boolean;
}

async function outbox(db: string): Promise<OutboxRow[]> {
  const rows = await sql(
    db,
    "SELECT id, type, drop_id, COALESCE(user_id, ''), data::text, published_at IS NOT NULL FROM outbox ORDER BY seq",
  );
  return rows.map(([id, type, dropId, userId, data, published]) => ({
    id: id!,
    type: type!,
    dropId: dropId!,
    userId: userId || null,
    data: JSON.parse(data!),
    published: published === 't',
  }));
}

/** The outbox, and the events each follower's stream must have carried: their creator's drop events and their own confirmations. */
export async function expectedStreams(
  db: string,
  creatorId: string,
): Promise<{ all: OutboxRow[]; forUser(userId: string): string[] }> {
  const all = await outbox(db);
  const shared = all.filter((e) => e.userId === null && e.data.creatorId === creatorId).map((e) => e.id);
  return { all, forUser: (userId) => [...shared, ...all.filter((e) => e.userId === userId).map((e) => e.id)] };
}

/**
 * Checks the run against the database itself: stock, orders, keys, the outbox, and what every
 * stream saw. The pay drop (`payDropId`) is checked here for what all drops share (stock, keys,
 * streams) and its holds and payments by checkPayDrop.
 */
export async function checkRun(
  db: string,
  creatorId: string,
  records: OrderRecord[],
  followers: Follower[],
  payDropId?: string,
): Promise<{ report: FaultReport; details: string[] }> {
  const details: string[] = [];
  const note = (what: string) => details.length < 40 && details.push(what);
  // Units taken now: confirmed orders and open holds (expired and cancelled holds gave theirs back).
  const drops = await sql(
    db,
    `SELECT d.id, d.total, d.sold, COALESCE(SUM(o.quantity) FILTER (WHERE o.status IN ('confirmed', 'held')), 0)
    FROM drops d LEFT JOIN orders o ON o.drop_id = d.id GROUP BY d.id`,
  );
  let oversold = 0;
  let soldMismatch = 0;
  let stranded = 0;
  for (const [id, total, sold, ordered] of drops) {
    // A pay drop's units come back: sold out once need not mean sold out at the end.
    const toldSoldOut = id !== payDropId && records.some((r) => r.dropId === id && r.final?.code === 'sold_out');
    if (toldSoldOut && Number(sold) !== Number(total))
      stranded++, note(`drop ${id}: told sold_out with ${sold} of ${total} sold`);
    if (Number(sold) > Number(total) || Number(ordered) > Number(total))
      oversold++, note(`oversold ${id}: ${ordered}/${total}`);
    if (Number(sold) !== Number(ordered)) soldMismatch++, note(`drop ${id}: sold ${sold} but orders sum ${ordered}`);
  }
  const orders = new Map(
    (await sql(db, 'SELECT id, user_id, drop_id FROM orders')).map(([id, user, drop]) => [
      id!,
      { user: user!, drop: drop! },
    ]),
  );
  const keyed = new Map<string, number>();
  // Order keys only: a payment's stored answer names its order too.
  for (const [outcome] of await sql(
    db,
    `SELECT outcome::text FROM idempotency_keys WHERE fingerprint NOT LIKE '["pay",%'`,
  )) {
    const o = JSON.parse(outcome!);
    if (o.ok) keyed.set(o.order.id, (keyed.get(o.order.id) ?? 0) + 1);
  }
  let duplicateOrders = 0;
  for (const id of orders.keys())
    if (keyed.get(id) !== 1) duplicateOrders++, note(`order ${id} has ${keyed.get(id) ?? 0} keys`);
  for (const r of records)
    if (r.orderIds.size > 1) duplicateOrders++, note(`key ${r.key} answered orders ${[...r.orderIds]}`);
  let acknowledgedMissing = 0;
  for (const r of records) {
    for (const id of r.orderIds) {
      const o = orders.get(id);
      if (!o || o.user !== r.buyer.id || o.drop !== r.dropId)
        acknowledgedMissing++, note(`acknowledged order ${id} missing`);
    }
  }
  const expected = await expectedStreams(db, creatorId);
  const events = expected.all;
  const count = (type: string, dropId: string) => events.filter((e) => e.type === type && e.dropId === dropId).length;
  let eventsMissing = 0;
  const confirmed = new Set(events.filter((e) => e.type === 'order.confirmed').map((e) => e.data.orderId));
  const held = new Set(events.filter((e) => e.type === 'order.held').map((e) => e.data.orderId));
  for (const [id, o] of orders) {
    if (o.drop === payDropId ? !held.has(id) : !confirmed.has(id))
      eventsMissing++, note(`order ${id} has no ${o.drop === payDropId ? 'order.held' : 'order.confirmed'}`);
  }
  let startedNotOnce = 0;
  for (const [id, total, sold] of drops) {
    if (count('drop.started', id!) !== 1)
      startedNotOnce++, note(`drop ${id}: drop.started ×${count('drop.started', id!)}`);
    const soldOut = Number(sold) === Number(total) ? 1 : 0;
    const bad = id === payDropId ? count('drop.sold_out', id!) > 1 : count('drop.sold_out', id!) !== soldOut;
    if (bad) eventsMissing++, note(`drop ${id}: drop.sold_out ×${count('drop.sold_out', id!)}`);
  }
  const startedIds = new Set(events.filter((e) => e.type === 'drop.started').map((e) => e.id));
  let followersMissingStarted = 0;
  let streamEventsMissing = 0;
  let streamDuplicates = 0;
  for (const f of followers) {
    streamDuplicates += f.duplicates;
    for (const id of expected.forUser(f.person.id)) {
      if (f.seen.has(id)) continue;
      streamEventsMissing++;
      if (startedIds.has(id)) followersMissingStarted++;
      note(`${f.person.handle} never got ${events.find((e) => e.id === id)?.type} ${id}`);
    }
  }
  const unpublished = events.filter((e) => !e.published).length;
  const report = {
    oversold,
    soldMismatch,
    stranded,
    duplicateOrders,
    acknowledgedMissing,
    eventsMissing,
    startedNotOnce,
    followersMissingStarted,
    streamEventsMissing,
    streamDuplicates,
    unpublished,
  };
  return { report, details };
}
