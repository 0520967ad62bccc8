// bench/search: GET /v1/search over N products (default 1,000,000, seeded in bulk SQL) at a
// fixed rate (open loop, bench/lib/paced.mjs), beside the raw SQL query of the same shape at
// the same rate on the same database; then GET /media/{key} closed loop beside one static
// file on raw node:http. Target: search p99 <= 50 ms.
// Usage: node bench/search.mjs [--engine pg|sqlite] [--products 1000000] [--rate 100]
//                              [--duration 5] [--media-duration 3]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cannon, CLI, machine, openPort, ROOT, saveResult, spawnServer } from './lib/harness.mjs';
import { paced } from './lib/paced.mjs';
import { run, tempDatabase } from './lib/pairs/services.mjs';
import { seedProducts, sqlSearch } from './lib/search-seed.mjs';

const arg = (name, d) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : d; };
const engine = arg('engine', 'pg');
const products = Number(arg('products', 1_000_000));
const rate = Number(arg('rate', 100));
const duration = Number(arg('duration', 5));
const mediaDuration = Number(arg('media-duration', 3));
// What people type: whole words, a word being typed, accents or not; common and rare words.
const QUERIES = ['vinyl', 'creme brul', 'poster sig', 'night hood', 'cafe', 'tour pos', 'lim', 'glow stick', 'crème', 'depot vin'];

const dir = mkdtempSync(join(tmpdir(), 'bench-search-'));
const db = engine === 'pg' ? await tempDatabase('search') : { url: `sqlite:${join(dir, 'search.db')}`, drop: async () => undefined };
const require = createRequire(`${ROOT}packages/adapters/package.json`);
const out = { engine, products, rate, duration };
let server;
let staticServer;
try {
  run(process.execPath, [CLI, 'migrate', '--database-url', db.url]);
  let t = Date.now();
  await seedProducts(require, db.url, products);
  out.seedSeconds = (Date.now() - t) / 1000;
  process.stderr.write(`bench/search: seeded ${products} products in ${out.seedSeconds} s\n`);

  const port = await openPort();
  server = await spawnServer([CLI, 'serve', '--port', String(port), '--database-url', db.url], { port, env: { LOG_LEVEL: 'warn' } });
  const path = (i) => `/v1/search?q=${encodeURIComponent(QUERIES[i % QUERIES.length])}&limit=20`;
  await paced({ url: server.url, rate, duration: 1, request: (i) => ({ method: 'GET', path: path(i) }) }); // warm-up
  out.http = await paced({ url: server.url, rate, duration, request: (i) => ({ method: 'GET', path: path(i) }) });
  const sql = await sqlSearch(require, db.url);
  out.rawSql = await sql.paced(QUERIES, rate, duration);
  await sql.close();

  // One uploaded image's 640 px variant, through the API and from a file on raw node:http.
  const media = await uploadImage(server.url, require);
  const file = join(dir, 'variant.webp');
  writeFileSync(file, Buffer.from(await (await fetch(server.url + media)).arrayBuffer()));
  const sport = await openPort();
  staticServer = await spawnServer([`${ROOT}bench/static-file-server.mjs`, String(sport), file], { port: sport, probe: '/' });
  out.media = await cannon({ url: server.url + media, duration: mediaDuration, connections: 32 });
  out.staticFile = await cannon({ url: staticServer.url + '/', duration: mediaDuration, connections: 32 });
} finally {
  await server?.stop();
  await staticServer?.stop();
  await db.drop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
}

async function uploadImage(url, req) {
  const post = async (p, body, token) => (await fetch(url + p, {
    method: 'POST', headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) }, body: JSON.stringify(body),
  })).json();
  const { token } = await post('/v1/auth/register', { handle: `media_${process.pid}`, password: 'bench-password', isCreator: true });
  const product = await post('/v1/products', { title: 'Bench poster', priceCents: 100 }, token);
  const sharp = createRequire(`${ROOT}packages/http/package.json`)('sharp');
  const png = await sharp({ create: { width: 1600, height: 1000, channels: 3, background: '#468' } }).png().toBuffer();
  const res = await fetch(`${url}/v1/products/${product.id}/image`, {
    method: 'PUT', headers: { 'content-type': 'image/png', authorization: `Bearer ${token}` }, body: png,
  });
  return (await res.json()).image.variants['640'];
}

const m = machine();
console.log(`\nbench/search (${engine}, ${products.toLocaleString('en-US')} products; ${m.cpus} × ${m.cpu}, Node ${m.node})`);
console.log('| | rate/s | p50 ms | p99 ms | errors |\n|---|---|---|---|---|');
for (const [name, r] of [['GET /v1/search', out.http], ['raw SQL, same shape', out.rawSql]]) {
  console.log(`| ${name} | ${r.rate} | ${r.p50} | ${r.p99} | ${r.errors} |`);
}
console.log('\n| | req/s | p99 ms |\n|---|---|---|');
console.log(`| GET /media/… (640 px WebP) | ${Math.round(out.media.rps)} | ${out.media.p99} |`);
console.log(`| static file, raw node:http | ${Math.round(out.staticFile.rps)} | ${out.staticFile.p99} |`);
console.log(`saved ${saveResult(`search-${engine}`, out)}`);
