// bench/pg-stock: the Postgres engine's stock path beside pgbench on one hot row (same
// database, same clients, same time), the whole order's variants beside it, then POST
// /v1/orders on Postgres alone and on Postgres + Redis + RabbitMQ beside raw node:http.
// Runs go in order and back (A B … B A) so a shared machine's drift hits every side alike.
// Usage: node bench/pg-stock.mjs [--duration 10] [--clients 8] [--connections 64] [--no-http]
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { confirmedEvent, lineEvents, PlaceOrder } from '../packages/core/dist/src/index.js';
import { loadConfig, MemoryIdempotencyLock, openData, SystemClock, UuidV7 } from '../packages/adapters/dist/src/index.js';
import { cannon, CLI, fmt, machine, openPort, ROOT, saveResult, spawnServer } from './lib/harness.mjs';
import { has, REDIS_URL, run, tempDatabase } from './lib/pairs/services.mjs';

const AMQP_URL = process.env.BENCH_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
import { inFlightFor, seedDrop } from './lib/pairs/stock-common.mjs';
import { machineBusy, seedBuyers } from './lib/pg-bench.mjs';

const arg = (name, d) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : d; };
const duration = arg('duration', 10);
const clients = arg('clients', 8);
const connections = arg('connections', 64);
const withHttp = !process.argv.includes('--no-http');
if (!has('pgbench')) throw new Error('pgbench is not on PATH (Debian: postgresql-client)');

const db = await tempDatabase('pgstock');
const env = (() => { const u = new URL(db.url); return { PGHOST: u.hostname, PGPORT: u.port || '5432', PGUSER: decodeURIComponent(u.username || 'postgres'), PGDATABASE: db.name }; })();
try {
  // The engine as `serve` opens it: default pool (2 connections per core), migrations.
  const data = await openData(loadConfig({ DATABASE_URL: db.url }), new SystemClock());
  const ids = new UuidV7();
  const [stock, ours, multi, hot, same, buckets] = [await seedDrop(data), await seedDrop(data), await seedDrop(data), await seedDrop(data), await seedDrop(data), await seedDrop(data)];
  const now = Date.now();

  // The stock path: the conditional decrement in its own unit of work, as the adapter runs it.
  const stockPath = () => data.uow.run((tx) => tx.inventory.reserve({ dropId: stock.dropId, userId: stock.userId, quantity: 1, perUserLimit: null }));
  const orderOf = (d) => ({ id: ids.next(), userId: d.userId, dropId: d.dropId, quantity: 1, unitPriceCents: 2500, totalCents: 2500, currency: 'USD', status: 'confirmed', createdAt: now });
  const confirmed = (d, order) => [{ id: ids.next(), type: 'order.confirmed', dropId: d.dropId, creatorId: d.userId, userId: d.userId, data: { dropId: d.dropId, orderId: order.id }, createdAt: now }];
  const keyOf = (d, order) => ({ userId: d.userId, key: ids.next(), fingerprint: '["x",1]', outcome: { ok: true, order }, createdAt: now });
  // The order as PlaceOrder hands it to the engine's book: batched, one statement per batch.
  const book = data.orderBook({ celebrityFollowers: 10_000 });
  const oursDrop = await data.drops.findById(ours.dropId);
  const quietTx = () => {
    const order = orderOf(ours);
    const next = () => ids.next();
    return book.place({ userId: ours.userId, key: ids.next(), fingerprint: '["x",1]', quantity: 1, createdAt: now, drop: oursDrop, order,
      confirmed: confirmedEvent(order, oursDrop, next), lines: lineEvents(oursDrop, now, next) });
  };
  // The multi-statement unit (an order that crosses a line takes it): reserve, then the rows.
  const orderTx = () => data.uow.run(async (tx) => {
    const r = await tx.inventory.reserve({ dropId: multi.dropId, userId: multi.userId, quantity: 1, perUserLimit: null });
    const order = orderOf(multi);
    await tx.orders.insert(order);
    await tx.outbox.append(confirmed(multi, order));
    await tx.idempotency.save(keyOf(multi, order));
    return r;
  });
  // The whole use case, minus HTTP: idempotency lookup and drop read first, then the unit.
  const placeOrder = new PlaceOrder({ ...data, book, clock: new SystemClock(), ids, locks: new MemoryIdempotencyLock(new SystemClock()) });
  const buyer = { id: ours.userId, handle: 'bench', displayName: 'Bench', isCreator: true, createdAt: now };
  const useCase = () => placeOrder.execute(buyer, ids.next(), { dropId: ours.dropId, quantity: 1 });

  const script = (name, sql) => { const f = join(tmpdir(), `pg-stock-${name}-${process.pid}.sql`); writeFileSync(f, sql); return f; };
  const hotSql = script('hot', `BEGIN;\nUPDATE drops SET sold = sold + 1 WHERE id = '${hot.dropId}' AND sold + 1 <= total;\nEND;\n`);
  // The one-statement order's SQL from a C client: the same work, no Node.
  const rows = (d, from) => `o AS (INSERT INTO orders (id, user_id, drop_id, quantity, unit_price_cents, total_cents, currency, status, created_at) SELECT gen_random_uuid()::text, '${d.userId}', '${d.dropId}', 1, 2500, 2500, 'USD', 'confirmed', ${now} FROM ${from}), e AS (INSERT INTO outbox (id, type, drop_id, creator_id, user_id, data, created_at, fanout) SELECT gen_random_uuid()::text, 'order.confirmed', '${d.dropId}', '${d.userId}', '${d.userId}', '{"dropId":"${d.dropId}","orderId":"x"}', ${now}, NULL FROM ${from}), k AS (INSERT INTO idempotency_keys (user_id, key, fingerprint, outcome, created_at) SELECT '${d.userId}', gen_random_uuid()::text, '["x",1]', '{"ok":true}', ${now} FROM ${from} ON CONFLICT (user_id, key) DO NOTHING RETURNING 1)`;
  const sameSql = script('same', `WITH s AS (UPDATE drops SET sold = sold + 1 WHERE id = '${same.dropId}' AND cancelled_at IS NULL AND sold + 1 <= total AND total - sold - 1 > 1 RETURNING sold, total), ${rows(same, 's')} SELECT s.sold, (SELECT count(*) FROM k) FROM s;\n`);
  // Not built, measured: the same statement with the drop's stock split over 16 rows (a
  // scratch table), each order taking the first unlocked row with stock. What buckets would buy.
  await data.knex.raw('CREATE TABLE bench_stock_buckets (drop_id text, bucket int, quota int, sold int, PRIMARY KEY (drop_id, bucket), CHECK (sold <= quota))');
  await data.knex.raw(`INSERT INTO bench_stock_buckets SELECT '${buckets.dropId}', g, 1000000, 0 FROM generate_series(0, 15) g`);
  const bucketSql = script('buckets', `WITH pick AS (SELECT bucket FROM bench_stock_buckets WHERE drop_id = '${buckets.dropId}' AND sold + 1 <= quota ORDER BY (bucket + (random() * 16)::int) % 16 LIMIT 1 FOR UPDATE SKIP LOCKED), b AS (UPDATE bench_stock_buckets x SET sold = x.sold + 1 FROM pick WHERE x.drop_id = '${buckets.dropId}' AND x.bucket = pick.bucket AND x.sold + 1 <= x.quota RETURNING x.sold), ${rows(buckets, 'b')} SELECT (SELECT count(*) FROM k);\n`);
  const pgbench = (file) => {
    const busy = machineBusy();
    const out = run('pgbench', ['-n', '-c', String(clients), '-j', '2', '-T', String(duration), '-f', file], env);
    return { rate: Number(/tps = ([\d.]+)/.exec(out)?.[1]), p99: null, busy: busy() };
  };
  const node = async (op) => {
    await inFlightFor(clients, 1, op); // warm: named statements prepared on every pooled connection
    const busy = machineBusy();
    const r = await inFlightFor(clients, duration, op);
    return { ...r, busy: busy() };
  };

  const ops = { stockPath, quietTx, orderTx, useCase };
  const scripts = { hot: hotSql, same: sameSql, buckets: bucketSql };
  const runs = { hot: [], stockPath: [], same: [], quietTx: [], orderTx: [], useCase: [], buckets: [] };
  const order = ['hot', 'stockPath', 'same', 'quietTx', 'orderTx', 'useCase', 'buckets'];
  for (const side of [...order, ...[...order].reverse()]) {
    process.stderr.write(`bench/pg-stock: ${side}…\n`);
    if (scripts[side]) runs[side].push(pgbench(scripts[side]));
    else runs[side].push(await node(ops[side]));
  }
  const mean = (rs) => rs.reduce((s, r) => s + r.rate, 0) / rs.length;
  const check = (await data.knex.raw('SELECT d.id, d.sold, d.total, (SELECT COALESCE(SUM(quantity), 0) FROM orders o WHERE o.drop_id = d.id) AS summed FROM drops d WHERE d.id IN (?, ?)', [ours.dropId, multi.dropId])).rows;
  await data.close();

  let http = null;
  if (withHttp) {
    const buyers = await seedBuyers(db.url, 2000);
    http = [await httpRun(buyers, 'Postgres', []), await httpRun(buyers, 'Postgres + Redis + RabbitMQ', ['--redis-url', REDIS_URL, '--amqp-url', AMQP_URL])];
  }

  const hotRate = mean(runs.hot);
  console.log(`\nbench/pg-stock: ${duration} s runs, ${clients} clients, PostgreSQL ${run('psql', ['-Atc', 'SHOW server_version'], env).trim()}, synchronous_commit ${run('psql', ['-Atc', 'SHOW synchronous_commit'], env).trim()}`);
  console.log('| run | ops/s (each run) | mean | ratio to pgbench hot row | p99 ms |\n|---|---|---|---|---|');
  const line = (name, rs) => console.log(`| ${name} | ${rs.map((r) => fmt(Math.round(r.rate))).join(', ')} | ${fmt(Math.round(mean(rs)))} | ${fmt(mean(rs) / hotRate)} | ${rs.map((r) => r.p99 ?? '–').join(', ')} |`);
  line('pgbench: BEGIN; conditional UPDATE of one hot row; END', runs.hot);
  line('adapter stock path: uow.run(conditional decrement)', runs.stockPath);
  line('pgbench: one order as one statement of CTEs (its SQL, no Node)', runs.same);
  line('adapter: PgOrderBook.place (batched, one statement per batch)', runs.quietTx);
  line('adapter: multi-statement order unit (line-crossing orders)', runs.orderTx);
  line('PlaceOrder.execute (+ idempotency lookup, drop read)', runs.useCase);
  line('pgbench: one-statement order, stock over 16 bucket rows (not built)', runs.buckets);
  console.log(`other processes' CPU during the runs (cores of ${machine().cpus}): ${Object.values(runs).flat().map((r) => r.busy.othersCores).join(', ')}`);
  const oversold = check.reduce((n, c) => n + Math.max(0, c.sold - c.total) + Math.abs(c.sold - c.summed), 0);
  console.log(`drops: sold ${check.map((c) => c.sold).join(', ')}, order rows sum ${check.map((c) => c.summed).join(', ')}, oversold ${oversold}`);
  const ratio = mean(runs.stockPath) / hotRate;
  console.log(`target (the stock path >= 70% of the pgbench hot row): ${ratio >= 0.7 ? 'MET' : 'MISSED'} (${fmt(ratio)})`);
  console.log(`whole order: one-statement ${fmt(mean(runs.quietTx) / hotRate)} of the hot row, ${fmt(mean(runs.quietTx) / mean(runs.same))} of pgbench running its SQL; multi-statement ${fmt(mean(runs.orderTx) / hotRate)}; PlaceOrder ${fmt(mean(runs.useCase) / hotRate)}`);
  for (const h of http ?? []) console.log(`\nPOST /v1/orders, ${h.profile}, ${connections} connections: ${fmt(Math.round(h.orders.rps))} req/s, p99 ${h.orders.p99} ms, non-2xx ${h.orders.non2xx}; raw node:http ${fmt(Math.round(h.raw.rps))} req/s; ratio ${fmt(h.orders.rps / h.raw.rps)} (target 0.30); server CPU ${fmt(Math.round(h.cpuUs))} µs per order; oversold ${h.oversold}`);
  console.log('results:', saveResult('pg-stock', { duration, clients, runs, ratio, quietRatio: mean(runs.quietTx) / hotRate, oversold, http }));
} finally {
  await db.drop().catch(() => undefined);
}

/** `livedrops serve` on this database (plus `extra` flags) vs raw node:http, autocannon closed loop, one after the other. */
async function httpRun({ dropId, tokens }, profile, extra) {
  const rawPort = await openPort();
  const raw = await spawnServer([`${ROOT}bench/raw-http-server.mjs`, String(rawPort)], { port: rawPort });
  const body = JSON.stringify({ dropId, quantity: 1 });
  process.stderr.write(`bench/pg-stock: raw node:http…\n`);
  const rawRun = await cannon({ url: `${raw.url}/v1/orders`, method: 'POST', headers: { 'content-type': 'application/json' }, body, duration, connections });
  await raw.stop();
  const port = await openPort();
  // Its own Redis prefix and exchange: a run never meets another's keys or queues.
  const app = await spawnServer([CLI, 'serve', '--port', String(port), '--database-url', db.url, '--log-level', 'warn', ...extra], { port, env: { REDIS_PREFIX: `bench-pgstock-${process.pid}-${port}:`, AMQP_EXCHANGE: `bench.pgstock.${process.pid}.${port}` } });
  let n = 0;
  const requests = [{
    method: 'POST',
    setupRequest: (req) => {
      const i = n++;
      req.headers = { 'content-type': 'application/json', authorization: `Bearer ${tokens[i % tokens.length]}`, 'idempotency-key': `pgb-${process.pid}-${port}-${i}` };
      req.body = body;
      return req;
    },
  }];
  // A new Redis incarnation stores nothing for its first 10 s (redis-read-cache.ts): measure the steady state after it.
  if (extra.includes('--redis-url')) (await fetch(`${app.url}/v1/drops/${dropId}`), await new Promise((r) => setTimeout(r, 10_500)));
  process.stderr.write(`bench/pg-stock: POST /v1/orders (${profile})…\n`);
  const cpu0 = app.cpu();
  const orders = await cannon({ url: `${app.url}/v1/orders`, requests, duration, connections });
  const cpuUs = ((app.cpu().all - cpu0.all) / Math.max(1, orders.total)) * 1e6;
  await app.stop();
  const check = run('psql', ['-Atc', `SELECT d.sold - (SELECT COALESCE(SUM(quantity), 0) FROM orders WHERE drop_id = d.id) + GREATEST(0, d.sold - d.total) FROM drops d WHERE id = '${dropId}'`], env);
  return { profile, raw: rawRun, orders, cpuUs, oversold: Number(check.trim()) };
}
