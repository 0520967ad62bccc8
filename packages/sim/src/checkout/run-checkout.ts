import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Api } from '../client/api.js';
import { HttpClient } from '../client/http-client.js';
import { checkCheckout } from '../check/checkout-check.js';
import { History } from '../history/history.js';
import { arrivals } from '../load/schedule.js';
import type { SimOptions } from '../options.js';
import { LatencyBook } from '../report/latency.js';
import { bulkSeedUsers } from '../setup/bulk-seed.js';
import { remoteTarget, startEmbedded } from '../target/embedded.js';
import { runBuyer, watchOffers, type BuyerContext } from './buyers.js';
import { CheckoutClient, type Actor } from './checkout-client.js';
import { writeCheckoutResults, type CheckoutRunResult } from './checkout-report.js';
import { CheckoutDb, type DbSample } from './db-view.js';
import { ServerTime } from './server-time.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const SAMPLE_MS = 200;

/**
 * The checkout scenario end to end: a pay drop; buyers arrive and hold, then pay (some with a
 * flaky or slow card), are declined and retry, cancel, abandon, or pay too late; a waitlist
 * takes returned units. The run lasts until every hold has ended (a hold's lifetime, or several
 * as offers are let pass), sampling the database all along; then it is checked against the
 * database, the API and the inboxes (check/checkout-check.ts).
 */
export async function runCheckout(o: SimOptions, dir: string, log: (line: string) => void): Promise<CheckoutRunResult> {
  mkdirSync(dir, { recursive: true });
  const target = o.embedded ? await startEmbedded(join(dir, 'server.log')) : remoteTarget(o.api!, o.databaseUrl);
  const http = new HttpClient(target.url, o.connections);
  const api = new Api(new HttpClient(target.url, 16));
  const db = await CheckoutDb.open(target.databaseUrl!);
  const time = new ServerTime();
  try {
    const tag = `c${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
    const creator = await api.register(`${tag}_c`, randomBytes(12).toString('base64url'), true);
    const product = await api.createProduct(creator.token, 'Checkout print', 2500);
    const seeded = await bulkSeedUsers(target.databaseUrl!, {
      count: o.buyers + o.waitlisters,
      withTokens: o.buyers + o.waitlisters,
      tag: `${tag}_u`,
      followsOf: () => [],
    });
    const actors: Actor[] = seeded.ids.map((userId, index) => ({ index, userId, token: seeded.tokens[index]! }));
    const startsAt = Date.now() + o.leadMs;
    const drop = await api.createDrop(creator.token, {
      productId: product.id,
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + 3_600_000).toISOString(),
      stock: o.stock,
      checkout: 'pay',
      holdSeconds: o.holdSeconds,
      ...(o.perUserLimit !== null && { perUserLimit: o.perUserLimit }),
    });
    log(
      `checkout: drop ${drop.id} (${o.stock} units, ${o.holdSeconds} s holds); ${o.buyers} buyers, ${o.waitlisters} on the waitlist`,
    );
    const history = new History(join(dir, 'history.jsonl'));
    const latency = new LatencyBook();
    const client = new CheckoutClient({ http, history, latency, retry: o.retry, seed: o.seed });
    const watching: Array<Promise<void>> = [];
    let running = true;
    const ctx: BuyerContext = {
      client,
      time,
      seed: o.seed,
      tag,
      dropId: drop.id,
      quantityMax: o.quantityMax,
      onWaitlist: (a) => watching.push(watchOffers(ctx, a, () => running)),
    };
    for (const a of actors.slice(o.buyers)) if ((await client.join(a, drop.id)).status < 300) ctx.onWaitlist(a);
    await sleep(startsAt - Date.now() + 50);
    const samples: DbSample[] = [];
    const t0 = Date.now();
    const sampling = (async () => {
      while (running) {
        samples.push(await db.sample(drop.id, Date.now() - t0, o.perUserLimit));
        await sleep(SAMPLE_MS);
      }
    })();
    const buyers = arrivals(o.seed, 'checkout', o.rate, o.durationMs, o.arrivals)
      .slice(0, o.buyers)
      .map(async (at, i) => {
        await sleep(t0 + at - Date.now());
        return runBuyer(ctx, actors[i]!, i);
      });
    let done = false;
    const allBuyers = Promise.all(buyers).then(() => void (done = true));
    await untilHoldsEnd(o, db, drop.id, time, () => done, log);
    await allBuyers;
    running = false;
    await Promise.all([sampling, ...watching]);
    await untilSettled(o, db, drop.id, time);
    const snapshot = await db.snapshot(drop.id);
    for (const x of snapshot.orders.filter((x) => x.status === 'expired' && x.endedAt !== null))
      latency.record('hold expiry lag', x.endedAt! - x.expiresAt!);
    for (const x of snapshot.orders.filter((x) => x.status === 'confirmed' && x.endedAt !== null))
      latency.record('hold to payment', x.endedAt! - x.createdAt);
    const apiDrop = await api.getDrop(drop.id);
    const inboxes = await readInboxes(api, actors, new Set(snapshot.orders.map((x) => x.userId)), drop.id);
    await history.close();
    const check = checkCheckout(history.ops, {
      total: o.stock,
      perUserLimit: o.perUserLimit,
      api: { available: apiDrop.stock.available, held: (apiDrop.stock as { held?: number }).held ?? 0 },
      db: snapshot,
      samples,
      inboxes,
    });
    return writeCheckoutResults({
      dir,
      o,
      t0,
      durationMs: Date.now() - t0,
      target: { mode: o.embedded ? 'embedded' : 'api', url: target.url },
      dropId: drop.id,
      ops: history.ops,
      latency,
      db: snapshot,
      samples,
      check,
    });
  } finally {
    http.close();
    api.http.close();
    await db.close();
    await target.close();
  }
}

/**
 * Waits (or, in tests, moves the server's clock on) until no hold is open and every buyer is
 * done: holds end by payment, cancel or expiry; units offered to the waitlist make new holds.
 */
async function untilHoldsEnd(
  o: SimOptions,
  db: CheckoutDb,
  dropId: string,
  time: ServerTime,
  buyersDone: () => boolean,
  log: (l: string) => void,
): Promise<void> {
  // Each generation of holds (buyers', then offers from their returns...) lasts a hold's lifetime.
  const deadline = Date.now() + 8 * (o.holdSeconds * 1000 + 2000) + o.durationMs;
  let quietSince = Date.now();
  let moves = 0;
  while (Date.now() < deadline && moves <= 8) {
    const s = await db.sample(dropId, 0, null);
    if (s.held === 0 && buyersDone()) return;
    if (o.advanceServerClock && Date.now() - quietSince > 1200) {
      moves++;
      const ms = o.holdSeconds * 1000 + 1000;
      await o.advanceServerClock(ms);
      time.shifted(ms);
      quietSince = Date.now();
      log(`checkout: the server's clock moved on ${ms / 1000} s (${s.held} units held)`);
    }
    await sleep(250);
  }
  log('checkout: holds still open at the deadline');
}

/** Captures and voids still owed to the gateway are made by the settle loop: wait for them. */
async function untilSettled(o: SimOptions, db: CheckoutDb, dropId: string, time: ServerTime): Promise<void> {
  for (let i = 0; i < 80 && (await db.owed(dropId)) > 0; i++) {
    if (o.advanceServerClock && i % 4 === 3) {
      await o.advanceServerClock(65_000); // owed calls wait out their retry delay (or a request's lease)
      time.shifted(65_000);
    }
    await sleep(250);
  }
}

async function readInboxes(
  api: Api,
  actors: Actor[],
  users: Set<string>,
  dropId: string,
): Promise<Record<string, Array<{ type: string; orderId: string | undefined }>>> {
  const out: Record<string, Array<{ type: string; orderId: string | undefined }>> = {};
  for (const a of actors.filter((x) => users.has(x.userId))) {
    const all = await api.all<{ type: string; data: { dropId?: string; orderId?: string } }>(
      '/v1/me/notifications',
      a.token,
    );
    out[a.userId] = all.filter((n) => n.data.dropId === dropId).map((n) => ({ type: n.type, orderId: n.data.orderId }));
  }
  return out;
}
