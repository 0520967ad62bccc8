// bench/profile-orders: where a server's CPU goes under the bench/orders load.
// Runs `livedrops serve` under `node --cpu-prof`, drives POST /v1/orders closed-loop with
// autocannon, stops the server (which writes the profile) and prints the functions by
// self time and by inclusive time (each sample counted once per function on its stack).
// Usage: node bench/profile-orders.mjs [--duration 10] [--connections 64] [--top 40] [--rate N]
//        node bench/profile-orders.mjs --report <file.cpuprofile>   (aggregate an existing profile)
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cannon, CLI, fmt, openPort, spawnServer } from './lib/harness.mjs';
import { seedHotDrop } from './lib/seed.mjs';

const argv = process.argv;
const arg = (name, d) => { const i = argv.indexOf(`--${name}`); return i > 0 ? argv[i + 1] : d; };
const top = Number(arg('top', 40));

/** Self and inclusive milliseconds per function (name + file:line), from a V8 .cpuprofile. */
export function aggregate(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n) => {
    const f = n.callFrame;
    const file = f.url ? f.url.replace(/^file:\/\//, '').replace(/.*\/node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, '').replace(/.*\/packages\//, '') : '';
    return `${f.functionName || '(anonymous)'} ${file}${file ? `:${f.lineNumber + 1}` : ''}`;
  };
  const self = new Map();
  const incl = new Map();
  const byPackage = new Map();
  const deltas = profile.timeDeltas;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
    total += dt;
    let node = byId.get(profile.samples[i]);
    const l = label(node);
    self.set(l, (self.get(l) ?? 0) + dt);
    const pkg = packageOf(node);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + dt);
    const seen = new Set();
    while (node) {
      const nl = label(node);
      if (!seen.has(nl)) {
        seen.add(nl);
        incl.set(nl, (incl.get(nl) ?? 0) + dt);
      }
      node = byId.get(parent.get(node.id));
    }
  }
  return { total, self, incl, byPackage };
}

function packageOf(node) {
  const url = node.callFrame.url;
  if (!url) return node.callFrame.functionName.startsWith('(') ? node.callFrame.functionName : '(native)';
  const m = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  const p = /packages\/([^/]+)\//.exec(url);
  if (p) return `@livedrops/${p[1]}`;
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  return url;
}

// Where an order's time goes, by self time: first match wins.
const CATEGORIES = [
  ['SQLite writes (unit statements, COMMIT)', /sqlite-tx-context|sqlite-inventory|sqlite-group-commit|sqlite-unit-of-work/],
  ['SQLite reads (session, idempotency, drop)', /sqlite-fast-reads|sqlite-connections/],
  ['outbox relay and live delivery', /sqlite-outbox-relay|runtime\/|knex-rows.*toEvent|toEvent|in-process-(bus|hub)|notifications\//],
  ['garbage collector', /^\(garbage collector\)/],
  ['idle (waiting for the client)', /^\(idle\)/],
  ['node http parser, sockets, writev', /node:_http|node:net|node:internal\/stream|^writev|node:internal\/streams|parserOn|node:events|_addHeaderLine|writevGeneric/],
  ['Koa, router, our middleware and routes', /koa|delegates|on-finished|ee-first|http\/dist\/src|zod|mime|content-type|statuses|vary|only|parseurl|path-to-regexp|encodeurl|escape-html/],
  ['order use case (core)', /core\/dist/],
  ['metrics, logging', /prom-client|pino|sonic-boom/],
  ['async hooks (AsyncLocalStorage)', /async_hooks/],
  ['crypto (token hash, ids)', /crypto|uuid-v7|hexSlice/],
  ['microtask and nextTick machinery', /^runMicrotasks|processTicksAndRejections|nextTick|task_queues/],
  ['V8/native outside JS ((program))', /^\(program\)/],
  ['server start-up (module loading)', /loader|compileSourceTextModule|wrapSafe|openFileHandle|internalModuleStat|compileForInternalLoader|__require|realm/],
];

export function categories(profile) {
  const { total, self } = aggregate(profile);
  const sums = new Map(CATEGORIES.map(([name]) => [name, 0]));
  sums.set('other', 0);
  for (const [label, ms] of self) {
    const hit = CATEGORIES.find(([, re]) => re.test(label));
    sums.set(hit ? hit[0] : 'other', sums.get(hit ? hit[0] : 'other') + ms);
  }
  return { total, shares: [...sums].map(([name, ms]) => [name, ms / total]) };
}

export function report(profile, n = top) {
  const { total, self, incl, byPackage } = aggregate(profile);
  const pct = (ms) => `${((ms / total) * 100).toFixed(1)}%`;
  console.log('\n## by category (self)');
  for (const [name, share] of categories(profile).shares) console.log(`${(share * 100).toFixed(1).padStart(5)}%  ${name}`);
  const rows = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  console.log(`\ntotal ${fmt(total)} ms sampled`);
  console.log('\n## by package (self)');
  for (const [k, v] of rows(byPackage)) console.log(`${pct(v).padStart(6)}  ${k}`);
  console.log('\n## self');
  for (const [k, v] of rows(self)) console.log(`${pct(v).padStart(6)}  ${k}`);
  console.log('\n## inclusive');
  for (const [k, v] of rows(incl)) console.log(`${pct(v).padStart(6)}  ${k}`);
}

if (arg('report')) {
  report(JSON.parse(readFileSync(arg('report'), 'utf8')));
} else {
  const duration = Number(arg('duration', 10));
  const connections = Number(arg('connections', 64));
  const rate = arg('rate') ? Number(arg('rate')) : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'bench-profile-'));
  const file = join(dir, 'orders.db');
  try {
    const { dropId, tokens } = await seedHotDrop(file, { buyers: 2000 });
    const body = JSON.stringify({ dropId, quantity: 1 });
    const port = await openPort();
    const app = await spawnServer(
      ['--cpu-prof', '--cpu-prof-dir', dir, ...(process.env.PROFILE_NODE_FLAGS?.split(' ').filter(Boolean) ?? []), CLI, 'serve', '--port', String(port), '--database-url', `sqlite:${file}`, '--log-level', 'warn'],
      { port },
    );
    let i = 0;
    const requests = [{
      method: 'POST',
      setupRequest: (req) => {
        const k = i++;
        req.headers = { 'content-type': 'application/json', authorization: `Bearer ${tokens[k % tokens.length]}`, 'idempotency-key': `prof-${process.pid}-${k}` };
        req.body = body;
        return req;
      },
    }];
    const r = await cannon({ url: `${app.url}/v1/orders`, requests, duration, connections, ...(rate ? { overallRate: rate } : {}) });
    console.log(`load: ${fmt(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}`);
    await app.stop();
    const prof = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!prof) throw new Error('no profile written');
    const text = readFileSync(join(dir, prof), 'utf8');
    if (arg('save')) (await import('node:fs')).writeFileSync(arg('save'), text);
    report(JSON.parse(text));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
