// bench/redis-gate: the hot-stock gate, two ways.
//  1. redis-benchmark running the gate's own Lua script (EVALSHA, C client) beside
//     RedisStockGate.enter/leave from Node, the same number in flight: what the adapter costs.
//  2. What it is for: POST /v1/orders on a drop that has sold out, on the production profile
//     (PostgreSQL) with and without Redis; with it the losers are answered from Redis, no
//     stock transaction (each still stores its idempotency record, so a replay answers the same).
// Usage: node bench/redis-gate.mjs [--duration 10] [--connections 64]
import { cannon, CLI, cpuWatch, machine, openPort, saveResult, spawnServer } from './lib/harness.mjs';
import { redisPairs } from './lib/pairs/redis-gate.mjs';
import { REDIS_URL, run, tempDatabase } from './lib/pairs/services.mjs';

const arg = (name, d) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : d; };
const duration = arg('duration', 10);
const connections = arg('connections', 64);

const [script] = await redisPairs({ duration });
if (script.na) console.log(`gate script: ${script.na}`);

async function json(url, path, body, token, key) {
  const res = await fetch(url + path, {
    method: 'POST', body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(key ? { 'idempotency-key': key } : {}) },
  });
  return { status: res.status, json: await res.json() };
}

const db = await tempDatabase('gate');
const prefix = `bench:gate:${process.pid}:`;
const losers = [];
try {
  run(process.execPath, [CLI, 'migrate'], { DATABASE_URL: db.url });
  let drop;
  let buyer;
  for (const [label, env] of [['PostgreSQL only', {}], ['PostgreSQL + Redis gate', { REDIS_URL, REDIS_PREFIX: prefix }]]) {
    const port = await openPort();
    const app = await spawnServer([CLI, 'serve', '--port', String(port), '--log-level', 'warn'], { port, env: { DATABASE_URL: db.url, ...env } });
    try {
      if (!drop) {
        const creator = (await json(app.url, '/v1/auth/register', { handle: `gate_c_${process.pid}`, password: 'bench-password', isCreator: true })).json;
        buyer = (await json(app.url, '/v1/auth/register', { handle: `gate_b_${process.pid}`, password: 'bench-password' })).json;
        const product = (await json(app.url, '/v1/products', { title: 'Gone in a second', priceCents: 100 }, creator.token)).json;
        const now = Date.now();
        drop = (await json(app.url, '/v1/drops', { productId: product.id, startsAt: new Date(now - 1000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(), stock: 1 }, creator.token)).json;
        if ((await json(app.url, '/v1/orders', { dropId: drop.id, quantity: 1 }, buyer.token, 'winner')).status !== 201) throw new Error('the one unit did not sell');
      }
      let n = 0;
      const requests = [{ method: 'POST', setupRequest: (req) => ({ ...req, body: JSON.stringify({ dropId: drop.id, quantity: 1 }), headers: { 'content-type': 'application/json', authorization: `Bearer ${buyer.token}`, 'idempotency-key': `loser-${label.length}-${process.pid}-${n++}` } }) }];
      await cannon({ url: `${app.url}/v1/orders`, requests, duration: 1, connections });
      const watch = cpuWatch([app.child.pid]);
      const r = await cannon({ url: `${app.url}/v1/orders`, requests, duration, connections });
      const cpu = watch();
      const metrics = await (await fetch(`${app.url}/metrics`)).text();
      const turnedAway = Number(/livedrops_stock_gate_total\{verdict="sold_out"\} (\d+)/.exec(metrics)?.[1] ?? 0);
      losers.push({ label, rps: r.rps, p99: r.p99, non409: r.non2xx === r.total ? 0 : r.total - r.non2xx, serverCpuUsPerReq: Math.round((cpu.oursCores * 1e6) / r.rps), othersCores: cpu.othersCores, turnedAway });
    } finally {
      await app.stop();
    }
  }
} finally {
  await db.drop().catch(() => undefined);
  const keys = run('redis-cli', ['--scan', '--pattern', `${prefix}*`]).split('\n').filter(Boolean);
  if (keys.length) run('redis-cli', ['DEL', ...keys]);
}

const m = machine();
console.log(`\nbench/redis-gate: ${duration} s closed loop each; ${m.cpus} × ${m.cpu}, Node ${m.node}`);
if (!script.na) console.log(`\n| gate script, 50 in flight | ops/s | p99 ms |\n|---|---|---|\n| redis-benchmark EVALSHA | ${Math.round(script.baselineOps)} | – |\n| RedisStockGate enter + leave | ${Math.round(script.ops)} | ${script.p99} |\n| ratio | ${(script.ops / script.baselineOps).toFixed(2)} | |`);
console.log(`\n| POST /v1/orders on a sold-out drop, ${connections} connections | req/s | p99 ms | server CPU µs/req | turned away by Redis |\n|---|---|---|---|---|`);
for (const l of losers) console.log(`| ${l.label} | ${Math.round(l.rps)} | ${l.p99} | ${l.serverCpuUsPerReq} | ${l.turnedAway} |`);
console.log('results:', saveResult('redis-gate', { duration, connections, script, losers }));
