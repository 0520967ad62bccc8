// bench/queue-joins: the last second before a celebrity's waiting room opens. N distinct users
// (each with a session of their own) join one queue drop at once, through the simulator's
// keep-alive client (512 sockets, opened first): requests per second and the server's CPU per
// join. Baselines in the same run: raw node:http answering JSON, Koa with nothing on it (what the
// framework costs), and GET /livez on the same Live Drops server (what any request costs there
// before the endpoint does anything). `--streams N`: N notification streams are held open on each
// server through the bursts (raw: `GET /stream` on bench/raw-sse-server.mjs; Koa holds none), as
// an instance holds its users' streams when a celebrity's waiting room opens.
// Usage: node bench/queue-joins.mjs [--users 10000] [--targets raw,koa,embedded,prod1] [--rounds 2] [--streams 0]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, openPort, ROOT, saveResult, spawnServer } from './lib/harness.mjs';
import { tempDatabase } from './lib/pairs/services.mjs';
import { livedrops } from './lib/storm/targets.mjs';
import { startSwarm } from './lib/swarm.mjs';

const { HttpClient } = await import(`${ROOT}packages/sim/dist/src/client/http-client.js`);
const { Api } = await import(`${ROOT}packages/sim/dist/src/client/api.js`);
const { bulkSeedUsers } = await import(`${ROOT}packages/sim/dist/src/setup/bulk-seed.js`);
const { loadConfig, openData, SystemClock } = await import(`${ROOT}packages/adapters/dist/src/index.js`);

const opt = (name, d) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : d; };
const users = Number(opt('users', 10_000));
const rounds = Number(opt('rounds', 2));
const only = opt('targets', 'raw,koa,embedded,prod1').split(',');
const streams = Number(opt('streams', 0));
const SOCKETS = 512;
const log = (s) => process.stderr.write(`bench/queue-joins: ${s}\n`);

/** N requests in flight together (the client queues past its sockets); rate and server CPU per request. */
async function burst(cpuOf, request) {
  const before = cpuOf();
  const t0 = performance.now();
  const replies = await Promise.all(Array.from({ length: users }, (_, i) => request(i)));
  const seconds = (performance.now() - t0) / 1000;
  const failed = replies.filter((r) => r.kind !== 'response' || r.status >= 300).length;
  if (failed) throw new Error(`${failed} of ${users} requests failed`);
  return { perSecond: Math.round(users / seconds), cpuUs: Math.round(((cpuOf() - before) * 1e6) / users) };
}

/** The best of `rounds` (a shared machine only ever makes a run slower). */
async function best(run) {
  const all = [];
  for (let r = 0; r < rounds; r++) all.push(await run(r));
  return all.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
}

/** Holds `streams` streams open on a server until `close` (none when `streams` is 0). */
async function holdStreams(url, path, tokens) {
  if (streams === 0) return { close: async () => undefined };
  const swarm = await startSwarm(url, path, tokens);
  if (swarm.connected.ok !== streams) throw new Error(`${swarm.connected.ok} of ${streams} streams opened`);
  log(`${streams} streams open on ${url}`);
  return swarm;
}

/** A baseline server (raw node:http, or Koa with nothing on it) answering `GET path`. */
async function baseline(script, path, held) {
  const port = await openPort();
  const s = await spawnServer([`${ROOT}bench/${script}`, String(port)], { port });
  const http = new HttpClient(s.url, SOCKETS);
  const swarm = held ? await holdStreams(s.url, '/stream', Array(streams).fill(null)) : undefined;
  try {
    await http.preconnect(SOCKETS);
    const get = () => http.request('GET', path, { parse: false });
    return await best(() => burst(() => s.cpu().all, get));
  } finally {
    await swarm?.close();
    http.close();
    await s.stop();
  }
}

/** A Live Drops server on `databaseUrl`: /livez, then a fresh queue drop per round joined by every user. */
async function liveDrops(databaseUrl, tag, services) {
  await (await openData(loadConfig({ DATABASE_URL: databaseUrl }), new SystemClock())).close(); // migrated
  const g = await livedrops(databaseUrl, { services, tag });
  const base = g.urls[0];
  const api = new Api(new HttpClient(base, 8));
  const http = new HttpClient(base, SOCKETS);
  let swarm;
  try {
    const creator = await api.register(`qj${tag}c`, randomBytes(12).toString('base64url'), true);
    const body = { title: 'P', priceCents: 100 };
    const product = await api.call('POST', '/v1/products', [201], { token: creator.token, body });
    const seed = { count: users, withTokens: users, tag: `qj${tag}u`, followsOf: () => [] };
    const { tokens } = await bulkSeedUsers(databaseUrl, seed);
    swarm = await holdStreams(base, '/v1/me/notifications/stream', tokens.slice(0, streams));
    await http.preconnect(SOCKETS);
    const livez = await best(() => burst(g.cpu, () => http.request('GET', '/livez', { parse: false })));
    const joins = await best(async (r) => {
      const at = (ms) => new Date(Date.now() + ms).toISOString();
      const body = { productId: product.id, access: 'queue', startsAt: at(600_000), endsAt: at(3_600_000), stock: 500 };
      const drop = await api.call('POST', '/v1/drops', [201], { token: creator.token, body });
      log(`${tag}: round ${r + 1}, ${users} joins of drop ${drop.id}`);
      const join = (i) => http.request('POST', `/v1/drops/${drop.id}/queue`, { token: tokens[i] });
      return burst(g.cpu, join);
    });
    return { livez, joins };
  } finally {
    await swarm?.close();
    http.close();
    api.http.close();
    await g.stop();
  }
}

if (streams > users) throw new Error('--streams is at most --users (each stream is a user of its own)');
const results = { users, sockets: SOCKETS, rounds, streams };
// raw-sse-server answers `GET /livez` beside its streams; raw-http-server is the leaner one without them.
if (only.includes('raw'))
  results.raw = streams
    ? await baseline('raw-sse-server.mjs', '/livez', true)
    : await baseline('raw-http-server.mjs', '/');
if (only.includes('koa')) results.koa = await baseline('koa-hello-server.mjs', '/', false);
if (only.includes('embedded')) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-queue-joins-'));
  try {
    results.embedded = await liveDrops(`sqlite:${join(dir, 'joins.db')}`, 'embedded', false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (only.includes('prod1')) {
  const db = await tempDatabase('queue_joins');
  try {
    results.prod1 = await liveDrops(db.url, 'prod1', true);
  } finally {
    await db.drop();
  }
}

const rawRate = results.raw?.perSecond;
const row = (name, r) =>
  `| ${name} | ${r.perSecond} | ${r.cpuUs} | ${rawRate ? fmt(r.perSecond / rawRate) : '-'} |`;
console.log(`${users} distinct users at once, ${SOCKETS} sockets, best of ${rounds}, ${streams} streams held open`);
console.log('| target | req/s | server CPU µs per request | ratio to raw node:http |');
console.log('|---|---|---|---|');
if (results.raw) console.log(row('raw node:http, GET', results.raw));
if (results.koa) console.log(row('Koa, nothing on it, GET', results.koa));
for (const t of ['embedded', 'prod1']) {
  if (!results[t]) continue;
  console.log(row(`${t}: GET /livez`, results[t].livez));
  console.log(row(`${t}: POST /v1/drops/{id}/queue`, results[t].joins));
}
log(`saved ${saveResult(streams ? 'queue-joins-streams' : 'queue-joins', results)}`);
