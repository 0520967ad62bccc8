// bench/reads: GET /v1/drops/{id} on the production profile, served by the Redis read
// cache (PostgreSQL behind it), beside raw node:http JSON and the same GET with no cache,
// closed loop with autocannon, each server in a child process, on one machine in one run.
// Target: the cached GET at 40 % or more of raw node:http.
// Usage: node bench/reads.mjs [--duration 10] [--connections 64]   (also a pair in bench/all)
import { pathToFileURL } from 'node:url';
import { cannon, CLI, cpuWatch, machine, openPort, ROOT, saveResult, spawnServer } from './lib/harness.mjs';
import { REDIS_URL, run, tempDatabase } from './lib/pairs/services.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function json(url, method, path, body, token) {
  const res = await fetch(url + path, {
    method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body && JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** A live drop with stock, created through the API. */
async function seedDrop(url) {
  const { token } = await json(url, 'POST', '/v1/auth/register', { handle: `reads_${process.pid}`, password: 'bench-password', isCreator: true });
  const product = await json(url, 'POST', '/v1/products', { title: 'Hot item', priceCents: 2500 }, token);
  const now = Date.now();
  const drop = await json(url, 'POST', '/v1/drops', { productId: product.id, startsAt: new Date(now - 1000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(), stock: 1_000_000 }, token);
  return drop.id;
}

async function measure(server, url, duration, connections) {
  await cannon({ url, duration: 1, connections }); // warm-up: JIT, sockets, cache
  const watch = cpuWatch([server.child.pid]);
  const r = await cannon({ url, duration, connections });
  const cpu = watch();
  return { ...r, serverCpuUsPerReq: Math.round((cpu.oursCores * 1e6) / r.rps), cpu };
}

export async function pairs({ duration = 10, connections = 64 } = {}) {
  let port = await openPort();
  const raw = await spawnServer([`${ROOT}bench/raw-http-server.mjs`, String(port)], { port });
  const base = await measure(raw, `${raw.url}/`, duration, connections).finally(() => raw.stop());
  const db = await tempDatabase('reads');
  const prefix = `bench:reads:${process.pid}:`;
  try {
    run(process.execPath, [CLI, 'migrate'], { DATABASE_URL: db.url });
    const rows = [];
    let dropId;
    for (const [label, env] of [['PostgreSQL + Redis cache', { REDIS_URL, REDIS_PREFIX: prefix }], ['PostgreSQL, no cache', {}]]) {
      port = await openPort();
      const serve = [CLI, 'serve', '--port', String(port), '--log-level', 'warn'];
      const app = await spawnServer(serve, { port, env: { DATABASE_URL: db.url, ...env } });
      try {
        dropId ??= await seedDrop(app.url);
        // A new Redis incarnation stores nothing for its first 10 s (see redis-read-cache.ts): wait it out.
        if (env.REDIS_URL) (await fetch(`${app.url}/v1/drops/${dropId}`), await sleep(10_500));
        const r = await measure(app, `${app.url}/v1/drops/${dropId}`, duration, connections);
        // The same server doing no work at all: the HTTP stack's own floor, for scale.
        const floor = env.REDIS_URL ? await measure(app, `${app.url}/livez`, duration, connections) : undefined;
        const metrics = await (await fetch(`${app.url}/metrics`)).text();
        const hits = Number(/livedrops_cache_requests_total\{kind="drop",result="hit"\} (\d+)/.exec(metrics)?.[1] ?? 0);
        const misses = Number(/livedrops_cache_requests_total\{kind="drop",result="miss"\} (\d+)/.exec(metrics)?.[1] ?? 0);
        rows.push({
          group: 'Reads', baseline: 'raw node:http JSON', baselineOps: base.rps, subject: `GET /v1/drops/{id}, ${label}`, ops: r.rps, p99: r.p99, unit: 'req/s',
          noise: [base.cpu, r.cpu], serverCpuUsPerReq: r.serverCpuUsPerReq, baselineCpuUsPerReq: base.serverCpuUsPerReq, cacheHits: hits, cacheMisses: misses, non2xx: r.non2xx,
        });
        if (floor) rows.push({ group: 'Reads', baseline: 'raw node:http JSON', baselineOps: base.rps, subject: 'GET /livez on the same server (the HTTP stack alone)', ops: floor.rps, p99: floor.p99, unit: 'req/s', noise: [floor.cpu], serverCpuUsPerReq: floor.serverCpuUsPerReq });
      } finally {
        await app.stop();
      }
    }
    return rows;
  } finally {
    await db.drop().catch(() => undefined);
    try {
      const keys = run('redis-cli', ['--scan', '--pattern', `${prefix}*`]).split('\n').filter(Boolean);
      if (keys.length) run('redis-cli', ['DEL', ...keys]);
    } catch { /* Redis gone: nothing of ours is left in it either */ }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name, d) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : d; };
  const duration = arg('duration', 10);
  const connections = arg('connections', 64);
  const rows = await pairs({ duration, connections });
  const m = machine();
  console.log(`bench/reads: ${duration} s closed loop, ${connections} connections; ${m.cpus} × ${m.cpu}, Node ${m.node}`);
  console.log('| | req/s | of raw | p99 ms | server CPU µs/req | cache hits / misses |\n|---|---|---|---|---|---|');
  console.log(`| raw node:http JSON | ${Math.round(rows[0].baselineOps)} | 1.00 | – | ${rows[0].baselineCpuUsPerReq} | – |`);
  for (const r of rows) console.log(`| ${r.subject} | ${Math.round(r.ops)} | ${(r.ops / r.baselineOps).toFixed(2)} | ${r.p99} | ${r.serverCpuUsPerReq} | ${r.cacheHits === undefined ? '–' : `${r.cacheHits} / ${r.cacheMisses}`} |`);
  console.log(`CPU other processes took (cores of ${m.cpus}): ${rows.flatMap((r) => r.noise.map((c) => c.othersCores)).join(', ')}`);
  console.log('results:', saveResult('reads', { duration, connections, rows }));
}
