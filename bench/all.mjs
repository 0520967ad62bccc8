// bench/all: every benchmark beside its baseline, in one run on one machine, as a ratio table.
//   HTTP        raw node:http JSON  vs  Koa hello, POST /v1/orders, cached GET /v1/drops/{id}
//   SQLite      raw better-sqlite3 conditional UPDATE  vs  Inventory.reserve through the adapters
//   PostgreSQL  pgbench on one hot row  vs  the Postgres engine's stock path
// A pair whose adapter is not built (or whose service is not running) prints n/a instead of
// failing. More pairs: a module in bench/lib/pairs/, or a bench/*.mjs exporting `pairs(opts)`.
// Usage: node bench/all.mjs [--duration 5] [--connections 32] [--only http,sqlite,pg]
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machine, ROOT, saveResult } from './lib/harness.mjs';
import { httpPairs } from './lib/pairs/http.mjs';
import { postgresPairs } from './lib/pairs/pg-stock.mjs';
import { sqlitePairs } from './lib/pairs/sqlite-stock.mjs';

const arg = (name, d) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : d; };
const duration = Number(arg('duration', 5));
const connections = Number(arg('connections', 32));
const only = arg('only', 'http,sqlite,pg').split(',');

const pairs = [['http', httpPairs], ['sqlite', sqlitePairs], ['pg', postgresPairs]].filter(([k]) => only.includes(k));
// Other engineers' benches join without running on import: only files that export `pairs`.
for (const f of readdirSync(`${ROOT}bench`).filter((f) => f.endsWith('.mjs') && f !== 'all.mjs')) {
  if (/export\s+(async\s+)?function\s+pairs\b/.test(readFileSync(`${ROOT}bench/${f}`, 'utf8'))) pairs.push([f, (await import(`./${f}`)).pairs]);
}

const n = (x) => (typeof x === 'number' && Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '–');
const dir = mkdtempSync(join(tmpdir(), 'bench-all-'));
const rows = [];
try {
  for (const [name, run] of pairs) {
    process.stderr.write(`bench/all: ${name}…\n`);
    try {
      rows.push(...(await run({ duration, connections, dir })));
    } catch (e) {
      rows.push({ group: name, baseline: '–', subject: '–', na: `failed: ${e.message.split('\n')[0]}` });
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const m = machine();
console.log(`\nbench/all: ${duration} s per run, closed loop; ${m.cpus} × ${m.cpu}, ${m.memGiB} GiB, Node ${m.node}`);
console.log('| | baseline | baseline ops/s | ours | ours ops/s | ratio | ours p99 ms |\n|---|---|---|---|---|---|---|');
for (const r of rows) {
  if (r.na) console.log(`| ${r.group} | ${r.baseline} | – | ${r.subject} | ${r.na} | – | – |`);
  else console.log(`| ${r.group} | ${r.baseline} | ${n(r.baselineOps)} | ${r.subject} | ${n(r.ops)} | ${(r.ops / r.baselineOps).toFixed(2)} | ${r.p99 ?? '–'} |`);
}
const noise = rows.flatMap((r) => (r.noise ?? []).map((c) => c?.othersCores ?? 0));
if (noise.length) console.log(`\nCPU other processes took during the HTTP runs (cores of ${m.cpus}): ${noise.join(', ')}${Math.max(...noise) > 0.2 ? '  <- a busy machine: ratios not comparable' : ''}`);
console.log('results:', saveResult('all', { duration, connections, rows }));
