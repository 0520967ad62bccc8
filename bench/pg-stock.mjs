// bench/pg-stock: the Postgres engine's stock path beside pgbench on one hot row (same
// database, same clients, same time), then POST /v1/orders on the production profile beside
// raw node:http. Runs alternate A B B A so a shared machine's drift hits both sides alike.
// Usage: node bench/pg-stock.mjs [--duration 10] [--clients 8] [--connections 64] [--no-http]
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlaceOrder } from '../packages/core/dist/src/index.js';
import { loadConfig, MemoryIdempotencyLock, openData, SystemClock, UuidV7 } from '../packages/adapters/dist/src/index.js';
import { cannon, CLI, fmt, machine, openPort, ROOT, saveResult, spawnServer } from './lib/harness.mjs';
import { has, run, tempDatabase } from './lib/pairs/services.mjs';
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
  const ours = await seedDrop(data);
  const hot = await seedDrop(data); // pgbench's row: another drop in the same table
  const same = await seedDrop(data); // pgbench running our order transaction's SQL
  const now = Date.now();

  // What PlaceOrder writes for a confirmed order, through the adapter's unit of work.
  const orderTx = () => data.uow.run(async (tx) => {
    const r = await tx.inventory.reserve({ dropId: ours.dropId, userId: ours.userId, quantity: 1, perUserLimit: null });
    const order = { id: ids.next(), userId: ours.userId, dropId: ours.dropId, quantity: 1, unitPriceCents: 2500, totalCents: 2500, currency: 'USD', status: 'confirmed', createdAt: now };
    await tx.orders.insert(order);
    await tx.outbox.append([{ id: ids.next(), type: 'order.confirmed', dropId: ours.dropId, creatorId: ours.userId, userId: ours.userId, data: { dropId: ours.dropId, orderId: order.id }, createdAt: now }]);
    await tx.idempotency.save({ userId: ours.userId, key: ids.next(), fingerprint: '["x",1]', outcome: { ok: true, order }, createdAt: now });
    return r;
  });
  // The whole use case, minus HTTP: idempotency lookup and drop read first, then the same unit.
  const placeOrder = new PlaceOrder({ ...data, clock: new SystemClock(), ids, locks: new MemoryIdempotencyLock(new SystemClock()) });
  const buyer = { id: ours.userId, handle: 'bench', displayName: 'Bench', isCreator: true, createdAt: now };
  const useCase = () => placeOrder.execute(buyer, ids.next(), { dropId: ours.dropId, quantity: 1 });

  const hotSql = join(tmpdir(), `pg-stock-hot-${process.pid}.sql`);
  writeFileSync(hotSql, `BEGIN;\nUPDATE drops SET sold = sold + 1 WHERE id = '${hot.dropId}' AND sold + 1 <= total;\nEND;\n`);
  // The statements the adapter sends for one order, from a C client: the work itself, no Node.
  const sameSql = join(tmpdir(), `pg-stock-same-${process.pid}.sql`);
  const [d, u] = [same.dropId, same.userId];
  writeFileSync(sameSql, `BEGIN ISOLATION LEVEL READ COMMITTED;
UPDATE drops SET sold = sold + 1 WHERE id = '${d}' AND cancelled_at IS NULL AND sold + 1 <= total RETURNING sold, total;
WITH o AS (INSERT INTO orders (id, user_id, drop_id, quantity, unit_price_cents, total_cents, currency, status, created_at) VALUES (gen_random_uuid()::text, '${u}', '${d}', 1, 2500, 2500, 'USD', 'confirmed', ${now})), e AS (INSERT INTO outbox (id, type, drop_id, creator_id, user_id, data, created_at, fanout) VALUES (gen_random_uuid()::text, 'order.confirmed', '${d}', '${u}', '${u}', '{"dropId":"${d}","orderId":"x"}', ${now}, NULL)), k AS (INSERT INTO idempotency_keys (user_id, key, fingerprint, outcome, created_at) VALUES ('${u}', gen_random_uuid()::text, '["x",1]', '{"ok":true}', ${now}) ON CONFLICT (user_id, key) DO NOTHING RETURNING 1) SELECT (SELECT count(*) FROM k) AS saved;
COMMIT;
`);
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

  const runs = { hot: [], same: [], orderTx: [], useCase: [] };
  for (const side of ['hot', 'same', 'orderTx', 'useCase', 'useCase', 'orderTx', 'same', 'hot']) {
    process.stderr.write(`bench/pg-stock: ${side}…\n`);
    if (side === 'hot' || side === 'same') runs[side].push(pgbench(side === 'hot' ? hotSql : sameSql));
    else runs[side].push(await node(side === 'orderTx' ? orderTx : useCase));
  }
  const mean = (rs) => rs.reduce((s, r) => s + r.rate, 0) / rs.length;
  const check = (await data.knex.raw('SELECT d.sold, d.total, (SELECT COALESCE(SUM(quantity), 0) FROM orders o WHERE o.drop_id = d.id) AS summed FROM drops d WHERE d.id = ?', [ours.dropId])).rows[0];
  await data.close();

  let http = null;
  if (withHttp) http = await httpRun();

  const hotRate = mean(runs.hot);
  console.log(`\nbench/pg-stock: ${duration} s runs, ${clients} clients, PostgreSQL ${run('psql', ['-Atc', 'SHOW server_version'], env).trim()}, synchronous_commit ${run('psql', ['-Atc', 'SHOW synchronous_commit'], env).trim()}`);
  console.log('| run | ops/s (each run) | mean | ratio to pgbench hot row | p99 ms |\n|---|---|---|---|---|');
  const line = (name, rs) => console.log(`| ${name} | ${rs.map((r) => fmt(Math.round(r.rate))).join(', ')} | ${fmt(Math.round(mean(rs)))} | ${fmt(mean(rs) / hotRate)} | ${rs.map((r) => r.p99 ?? '–').join(', ')} |`);
  line('pgbench: BEGIN; conditional UPDATE of one hot row; END', runs.hot);
  line('pgbench: the same order transaction (its SQL, no Node)', runs.same);
  line('adapter: uow.run(reserve + order + outbox + idempotency)', runs.orderTx);
  line('PlaceOrder.execute (+ idempotency lookup, drop read)', runs.useCase);
  console.log(`other processes' CPU during the runs (cores of ${machine().cpus}): ${Object.values(runs).flat().map((r) => r.busy.othersCores).join(', ')}`);
  console.log(`drop: sold ${check.sold}, order rows sum ${check.summed}, oversold ${Math.max(0, check.sold - check.total) + Math.abs(check.sold - check.summed)}`);
  const ratio = mean(runs.orderTx) / hotRate;
  console.log(`target (order transaction >= 70% of the pgbench hot row): ${ratio >= 0.7 ? 'MET' : 'MISSED'} (${fmt(ratio)}); adapter vs the same SQL from pgbench: ${fmt(mean(runs.orderTx) / mean(runs.same))}`);
  if (http) console.log(`\nPOST /v1/orders, production profile (Postgres), ${connections} connections: ${fmt(Math.round(http.orders.rps))} req/s, p99 ${http.orders.p99} ms, non-2xx ${http.orders.non2xx}; raw node:http ${fmt(Math.round(http.raw.rps))} req/s; ratio ${fmt(http.orders.rps / http.raw.rps)}; oversold ${http.oversold}`);
  console.log('results:', saveResult('pg-stock', { duration, clients, runs, ratio, sameWorkRatio: mean(runs.orderTx) / mean(runs.same), oversold: Math.abs(check.sold - check.summed), http }));
} finally {
  await db.drop().catch(() => undefined);
}

/** `livedrops serve` on this database (the production profile's engine) vs raw node:http, autocannon closed loop. */
async function httpRun() {
  const rawPort = await openPort();
  const raw = await spawnServer([`${ROOT}bench/raw-http-server.mjs`, String(rawPort)], { port: rawPort });
  const { dropId, tokens } = await seedBuyers(db.url, 2000);
  const body = JSON.stringify({ dropId, quantity: 1 });
  process.stderr.write('bench/pg-stock: raw node:http…\n');
  const rawRun = await cannon({ url: `${raw.url}/v1/orders`, method: 'POST', headers: { 'content-type': 'application/json' }, body, duration, connections });
  await raw.stop();
  const port = await openPort();
  const app = await spawnServer([CLI, 'serve', '--port', String(port), '--database-url', db.url, '--log-level', 'warn'], { port });
  let n = 0;
  const requests = [{
    method: 'POST',
    setupRequest: (req) => {
      const i = n++;
      req.headers = { 'content-type': 'application/json', authorization: `Bearer ${tokens[i % tokens.length]}`, 'idempotency-key': `pgb-${process.pid}-${i}` };
      req.body = body;
      return req;
    },
  }];
  process.stderr.write('bench/pg-stock: POST /v1/orders…\n');
  const orders = await cannon({ url: `${app.url}/v1/orders`, requests, duration, connections });
  await app.stop();
  const check = run('psql', ['-Atc', `SELECT d.sold - (SELECT COALESCE(SUM(quantity), 0) FROM orders WHERE drop_id = d.id) + GREATEST(0, d.sold - d.total) FROM drops d WHERE id = '${dropId}'`], env);
  return { raw: rawRun, orders, oversold: Number(check.trim()) };
}
