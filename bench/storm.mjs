// bench/storm: a celebrity's order storm. In one run: raw node:http JSON, a queue-only
// baseline (node:http + Redis Lua reserve + unconfirmed RabbitMQ publish, answers "pending"),
// Live Drops embedded (SQLite), production with one instance and with three (PostgreSQL +
// Redis + RabbitMQ, connections spread over the instances). Each on a drop of stock 100
// (most lose), one where every order succeeds, and one already sold out; every request a
// distinct buyer with a unique key; autocannon closed loop. Also: the first seconds after a
// fresh start, GET /livez on the same server, the even pacer at half saturation, and, after
// every run, `sold` against the order rows read from the database. The pay cases repeat stock 100
// and "every order succeeds" on a pay drop, where every order is a hold (api.md 1.1 Checkout).
// Usage: node bench/storm.mjs [--duration 10] [--connections 50] [--targets raw,queue,embedded,prod1,prod3]
//   [--cases stock100,succeed,soldOut,payStock100,paySucceed,paced] (default: all) [--livez no] [--ceiling no]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, saveResult } from './lib/harness.mjs';
import { tempDatabase } from './lib/pairs/services.mjs';
import { checkDrop } from './lib/storm/check.mjs';
import { batchCeiling } from './lib/storm/pg-ceiling.mjs';
import { report } from './lib/storm/report.mjs';
import { closedLoop, pacedRun, setBuyers, settle } from './lib/storm/runs.mjs';
import { seedWorld, tokenOf } from './lib/storm/seed.mjs';
import { livedrops, queueOnly, rawHttp } from './lib/storm/targets.mjs';

const opt = (name, d) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : d; };
const duration = Number(opt('duration', 10));
const connections = Number(opt('connections', 50));
const fresh = Number(opt('fresh', 2));
const buyers = Number(opt('buyers', 300_000));
const only = opt('targets', 'raw,queue,embedded,prod1,prod3').split(',');
const ALL_CASES = { stock100: 100, succeed: 10_000_000, soldOut: 1, payStock100: 100, paySucceed: 10_000_000 };
const picked = opt('cases', [...Object.keys(ALL_CASES), 'paced'].join(',')).split(',');
const CASES = Object.fromEntries(Object.entries(ALL_CASES).filter(([k]) => picked.includes(k)));
const paced = picked.includes('paced');
const PAY = new Set(['payStock100', 'paySucceed']);
const log = (s) => process.stderr.write(`bench/storm: ${s}\n`);

const db = await tempDatabase('storm');
const dir = mkdtempSync(join(tmpdir(), 'bench-storm-'));
const sqliteUrl = `sqlite:${join(dir, 'storm.db')}`;
const results = { duration, connections, buyers, raw: [], targets: {} };
try {
  log(`seeding ${buyers} buyers on PostgreSQL and SQLite…`);
  const worlds = {
    pg: only.some((t) => t.startsWith('prod')) ? await seedWorld(db.url, buyers) : undefined,
    sqlite: only.includes('embedded') ? await seedWorld(sqliteUrl, buyers) : undefined,
  };
  setBuyers(buyers);
  const targets = {
    queue: { start: () => queueOnly(process.pid) },
    embedded: { url: sqliteUrl, world: worlds.sqlite, start: () => livedrops(sqliteUrl, { tag: `${process.pid}-e` }) },
    prod1: { url: db.url, world: worlds.pg, start: () => livedrops(db.url, { services: true, tag: `${process.pid}-p1` }) },
    prod3: { url: db.url, world: worlds.pg, start: () => livedrops(db.url, { services: true, instances: 3, tag: `${process.pid}-p3` }) },
  };
  const rawRun = async () => {
    const raw = await rawHttp();
    log('raw node:http…');
    results.raw.push(await closedLoop(raw, { dropId: 'raw', duration, connections }));
    await raw.stop();
  };
  if (only.includes('raw')) await rawRun();
  for (const [name, t] of Object.entries(targets).filter(([n]) => only.includes(n))) {
    const r = (results.targets[name] = { cases: {}, checks: {} });
    // The queue-only baseline has no database: its "drop" is a Redis counter set per run.
    const newDrop = async (stock, pay = false) => (t.world ? t.world.drop(stock, { pay }) : `q-${stock}-${Math.random().toString(36).slice(2)}`);
    const freshDrop = await newDrop(ALL_CASES.succeed);
    const sut = await t.start();
    if (process.env.STORM_FRESH_DELAY) await new Promise((r) => setTimeout(r, Number(process.env.STORM_FRESH_DELAY)));
    if (sut.stock) await sut.stock(freshDrop, ALL_CASES.succeed);
    // --livez no: only the order runs (e.g. under STORM_NODE_FLAGS=--cpu-prof, a profile of orders alone).
    if (opt('livez', 'yes') !== 'no') {
      log(`${name}: first ${fresh} s after start…`);
      r.fresh = await closedLoop(sut, { dropId: freshDrop, duration: fresh, connections });
      await settle(sut);
      log(`${name}: GET /livez…`);
      r.livez = await closedLoop(sut, { path: '/livez', duration, connections });
    }
    for (const [label, stock] of Object.entries(CASES)) {
      if (PAY.has(label) && !t.world) continue; // the queue-only baseline has no checkout
      const dropId = await newDrop(stock, PAY.has(label));
      if (sut.stock) await sut.stock(dropId, label === 'soldOut' ? 0 : stock);
      else if (label === 'soldOut') await sellOut(sut.urls[0], dropId);
      await settle(sut);
      log(`${name}: ${label}…`);
      r.cases[label] = await closedLoop(sut, { dropId, duration, connections });
      if (t.url) r.checks[label] = await checkDrop(t.url, dropId);
    }
    for (const label of ['stock100', 'succeed'].filter((l) => paced && r.cases[l])) {
      const dropId = await newDrop(ALL_CASES[label]);
      if (sut.stock) await sut.stock(dropId, ALL_CASES[label]);
      const rate = Math.max(50, Math.round(r.cases[label].rps / 2));
      await settle(sut);
      log(`${name}: ${label} paced at ${rate}/s…`);
      r[`paced_${label}`] = await pacedRun(sut, { dropId, rate, duration, connections });
      if (t.url) r.checks[`paced_${label}`] = await checkDrop(t.url, dropId);
    }
    await sut.stop();
  }
  if (only.includes('raw')) await rawRun();
  if ((only.includes('prod1') || only.includes('prod3')) && opt('ceiling', 'yes') !== 'no') {
    log('pgbench: the batch statement…');
    results.ceiling = await batchCeiling(db.url, worlds.pg, duration);
  }
  report(results);
  console.log('results:', saveResult('storm', results));
} finally {
  await db.drop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
}

/** Buys the drop's single unit through the API, so the run meets a drop sold out by a real order. */
async function sellOut(url, dropId) {
  const res = await fetch(`${url}/v1/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenOf(buyers - 1)}`, 'idempotency-key': `sellout-${dropId}` },
    body: JSON.stringify({ dropId, quantity: 1 }),
  });
  if (res.status !== 201) throw new Error(`could not sell out ${dropId}: ${res.status} ${await res.text()}`);
}
