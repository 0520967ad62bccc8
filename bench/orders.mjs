// bench/orders: the order endpoint on one hot drop (many users, unique keys) beside a raw
// node:http JSON server, closed-loop for saturation, then fixed-rate at half of it for latency.
// Usage: node bench/orders.mjs [--duration 10] [--connections 64]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cannon, CLI, cpuWatch, fmt, machine, openPort, ROOT, saveResult, spawnServer } from './lib/harness.mjs';
import { paced } from './lib/paced.mjs';
import { seedHotDrop } from './lib/seed.mjs';
import { createRequire } from 'node:module';

// better-sqlite3 is the adapters package's dependency; borrow it to read the result independently.
const Database = createRequire(`${ROOT}packages/adapters/package.json`)('better-sqlite3');

const arg = (name, d) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : d; };
const duration = arg('duration', 10);
const connections = arg('connections', 64);
const dir = mkdtempSync(join(tmpdir(), 'bench-orders-'));
const file = join(dir, 'orders.db');

try {
  const { dropId, tokens } = await seedHotDrop(file, { buyers: 2000 });
  const body = JSON.stringify({ dropId, quantity: 1 });

  const rawPort = await openPort();
  const raw = await spawnServer([`${ROOT}bench/raw-http-server.mjs`, String(rawPort)], { port: rawPort });
  let watch = cpuWatch([raw.child.pid, process.pid]);
  const rawRun = await cannon({ url: `${raw.url}/v1/orders`, method: 'POST', headers: { 'content-type': 'application/json' }, body, duration, connections });
  rawRun.cpu = watch();
  await raw.stop();

  const port = await openPort();
  const app = await spawnServer([CLI, 'serve', '--port', String(port), '--database-url', `sqlite:${file}`, '--log-level', 'warn'], { port });
  let n = 0;
  const requests = [{
    method: 'POST',
    setupRequest: (req) => {
      const i = n++;
      req.headers = { 'content-type': 'application/json', authorization: `Bearer ${tokens[i % tokens.length]}`, 'idempotency-key': `bench-${process.pid}-${i}` };
      req.body = body;
      return req;
    },
  }];
  const cpu0 = app.cpu();
  watch = cpuWatch([app.child.pid, process.pid]);
  const sat = await cannon({ url: `${app.url}/v1/orders`, requests, duration, connections });
  sat.cpu = watch();
  const cpu1 = app.cpu();
  const rate = Math.max(1, Math.floor(sat.rps / 2));
  watch = cpuWatch([app.child.pid, process.pid]);
  const fixed = await cannon({ url: `${app.url}/v1/orders`, requests, duration, connections, overallRate: rate });
  fixed.cpu = watch();
  watch = cpuWatch([app.child.pid, process.pid]);
  // The same rate from an open-loop generator that spaces requests evenly (see lib/paced.mjs).
  const even = await paced({
    url: app.url,
    rate,
    duration,
    connections,
    request: () => {
      const i = n++;
      return {
        method: 'POST',
        path: '/v1/orders',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${tokens[i % tokens.length]}`, 'idempotency-key': `bench-${process.pid}-${i}` },
        body,
      };
    },
  });
  even.cpu = watch();
  await app.stop();
  // Server CPU per order at saturation: main thread (the event loop) and all threads.
  const cpuPerOrder = { mainUs: ((cpu1.main - cpu0.main) / sat.total) * 1e6, allUs: ((cpu1.all - cpu0.all) / sat.total) * 1e6 };

  const db = new Database(file, { readonly: true });
  const drop = db.prepare('SELECT total, sold FROM drops WHERE id = ?').get(dropId);
  const summed = db.prepare('SELECT COALESCE(SUM(quantity),0) AS q, COUNT(*) AS n FROM orders WHERE drop_id = ?').get(dropId);
  const dupes = db.prepare('SELECT COUNT(*) AS n FROM (SELECT user_id, key FROM idempotency_keys GROUP BY user_id, key HAVING COUNT(*) > 1)').get();
  db.close();
  const oversold = Math.max(0, drop.sold - drop.total) + Math.abs(drop.sold - summed.q);

  const rows = [
    ['raw node:http JSON POST', rawRun.rps, 1, rawRun.p99],
    ['POST /v1/orders (saturation)', sat.rps, sat.rps / rawRun.rps, sat.p99],
  ];
  console.log(`\nbench/orders: ${duration}s runs, ${connections} connections, embedded SQLite (WAL)`);
  console.log('| run | req/s | ratio to raw | p99 ms |\n|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.map(fmt).join(' | ')} |`);
  console.log(`\nfixed rate ${rate}/s (half saturation), autocannon -R: p50 ${fmt(fixed.p50)} ms, p97.5 ${fmt(fixed.p97_5)} ms, p99 ${fmt(fixed.p99)} ms, non-2xx ${fixed.non2xx}, errors ${fixed.errors}`);
  console.log(`fixed rate ${rate}/s (half saturation), evenly paced:  p50 ${fmt(even.p50)} ms, p90 ${fmt(even.p90)} ms, p99 ${fmt(even.p99)} ms, p99.9 ${fmt(even.p999)} ms, max ${fmt(even.max)} ms, statuses ${JSON.stringify(even.statuses)}, errors ${even.errors}`);
  console.log(`orders written ${summed.n}, sold ${drop.sold}/${drop.total}, oversold ${oversold}, duplicate keys ${dupes.n}`);
  const noise = [rawRun, sat, fixed, even].map((r) => r.cpu.othersCores);
  console.log(`CPU taken by other processes during the four runs (cores of 2): ${noise.join(', ')}${Math.max(...noise) > 0.2 ? '  <- a busy machine: numbers not comparable' : ''}`);
  console.log(`server CPU per order at saturation: ${fmt(cpuPerOrder.mainUs)} µs on the event loop, ${fmt(cpuPerOrder.allUs)} µs all threads; machine ${JSON.stringify(machine())}`);
  const verdict = (p99) => (sat.rps / rawRun.rps >= 0.3 && p99 <= 25 && oversold === 0 ? 'MET' : 'MISSED');
  console.log(`target (>= 30% of raw, p99 <= 25 ms at half saturation, 0 oversold): ${verdict(fixed.p99)} by autocannon -R, ${verdict(even.p99)} paced`);
  console.log(`  ratio ${fmt(sat.rps / rawRun.rps)} (${sat.rps / rawRun.rps >= 0.3 ? 'met' : 'missed'}), p99 ${fmt(fixed.p99)} / ${fmt(even.p99)} ms, oversold ${oversold}`);
  console.log('results:', saveResult('orders', { duration, connections, raw: rawRun, saturation: sat, fixedRate: { rate, ...fixed }, paced: even, ratio: sat.rps / rawRun.rps, oversold, ordersWritten: summed.n, cpuPerOrder }));
  if (sat.non2xx > 0) console.log(`note: ${sat.non2xx} non-2xx responses during saturation`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
