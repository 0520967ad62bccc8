// bench/graphql: the drop page (drop + product + stock + creator + whether I follow them) as one
// GraphQL query against the same data over REST (GET /v1/drops/{id}, /v1/creators/{id},
// /v1/me/following/{creatorId}: three requests per page, sent in turn on each connection),
// closed loop with autocannon, one `livedrops serve` on a temporary SQLite file, in one run.
// Usage: node bench/graphql.mjs [--duration 3] [--connections 32]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cannon, CLI, cpuWatch, machine, openPort, saveResult, spawnServer } from './lib/harness.mjs';

async function json(url, method, path, body, token) {
  const res = await fetch(url + path, {
    method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body && JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

/** A creator with a live drop, and a fan who follows them (the page is the fan's). */
async function seed(url) {
  const maker = await json(url, 'POST', '/v1/auth/register', { handle: `gqlmaker_${process.pid}`, password: 'bench-password', isCreator: true });
  const fan = await json(url, 'POST', '/v1/auth/register', { handle: `gqlfan_${process.pid}`, password: 'bench-password' });
  const product = await json(url, 'POST', '/v1/products', { title: 'Hot item', description: 'Limited', priceCents: 2500 }, maker.token);
  const now = Date.now();
  const drop = await json(url, 'POST', '/v1/drops', { productId: product.id, startsAt: new Date(now - 1000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(), stock: 1000 }, maker.token);
  await json(url, 'PUT', `/v1/me/following/${maker.user.id}`, undefined, fan.token);
  return { dropId: drop.id, creatorId: maker.user.id, token: fan.token };
}

const PAGE = `query DropPage($id: ID!) { drop(id: $id) { id status priceCents currency startsAt endsAt
  stock { total available } product { id title } creator { id handle displayName followerCount meFollows } } }`;

async function measure(server, opts) {
  await cannon({ ...opts, duration: 1 }); // warm-up: JIT, sockets, cache
  const watch = cpuWatch([server.child.pid]);
  const r = await cannon(opts);
  return { ...r, cpu: watch() };
}

export async function pairs({ duration = 3, connections = 32 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'livedrops-bench-graphql-'));
  const port = await openPort();
  const app = await spawnServer([CLI, 'serve', '--port', String(port), '--log-level', 'warn'], { port, env: { DATABASE_URL: `sqlite:${join(dir, 'bench.db')}` } });
  try {
    const { dropId, creatorId, token } = await seed(app.url);
    const auth = { authorization: `Bearer ${token}` };
    const gql = await measure(app, {
      url: app.url, duration, connections,
      requests: [{ method: 'POST', path: '/graphql', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ query: PAGE, variables: { id: dropId } }) }],
    });
    const rest = await measure(app, {
      url: app.url, duration, connections,
      requests: [`/v1/drops/${dropId}`, `/v1/creators/${creatorId}`, `/v1/me/following/${creatorId}`].map((path) => ({ method: 'GET', path, headers: auth })),
    });
    return [
      { subject: 'GraphQL: one POST /graphql per page', pages: gql.rps, rps: gql.rps, p99: gql.p99, non2xx: gql.non2xx, errors: gql.errors, noise: gql.cpu },
      { subject: 'REST: three GETs per page, in turn', pages: rest.rps / 3, rps: rest.rps, p99: rest.p99, non2xx: rest.non2xx, errors: rest.errors, noise: rest.cpu },
    ];
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name, d) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : d; };
  const duration = arg('duration', 3);
  const connections = arg('connections', 32);
  const rows = await pairs({ duration, connections });
  const m = machine();
  console.log(`bench/graphql: the drop page, ${duration} s closed loop each, ${connections} connections, embedded profile (SQLite); ${m.cpus} × ${m.cpu}, Node ${m.node}`);
  console.log('| | pages/s | req/s | p99 ms (per request) | non-2xx |\n|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.subject} | ${Math.round(r.pages)} | ${Math.round(r.rps)} | ${r.p99} | ${r.non2xx + r.errors} |`);
  console.log(`CPU: server / other processes (cores of ${m.cpus}): ${rows.map((r) => `${r.noise.oursCores} / ${r.noise.othersCores}`).join('; ')}`);
  console.log('results:', saveResult('graphql', { duration, connections, rows }));
}
