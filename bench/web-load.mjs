// bench/web-load: the web app's first load, the way Lighthouse's mobile run sees it: Chromium
// (Debian's, through playwright-core) with the CPU slowed 4× and a "slow 4G" link (150 ms round
// trip, 1.6 Mbit/s), an empty cache each time, on `/` and on a live drop page of one
// `livedrops serve` (SQLite file, the built app). Baseline, same run: the same pages with
// JavaScript off, i.e. the server's HTML alone, so the ratios say what the app adds.
// Reports bytes on the wire (what Chromium received, Brotli) and as gzip, and FCP, LCP and TBT
// from the Performance API (medians of --runs). Needs `sh .ci/setup` (the build) and Chromium.
// Usage: node bench/web-load.mjs [--runs 5] [--no-throttle]
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, machine, openPort, ROOT, saveResult, spawnServer } from './lib/harness.mjs';

const arg = (name, d) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : d; };
const runs = Number(arg('runs', 5));
const throttle = process.argv.includes('--no-throttle') ? undefined : { cpu: 4, latencyMs: 150, downloadBitsPerSecond: 1_600_000 };
const { measureFirstLoad } = await import(`${ROOT}packages/web/dist/test/support/first-load.js`);
const { findChromium, launchChromium } = await import(`${ROOT}packages/web/dist/test/support/chromium.js`);
const chromium = findChromium();
if (!chromium) throw new Error('bench/web-load: no Chromium (apt-get install chromium, or CHROMIUM_PATH)');
createRequire(`${ROOT}packages/web/package.json`).resolve('playwright-core');

const dir = mkdtempSync(join(tmpdir(), 'bench-web-'));
const port = await openPort();
const server = await spawnServer([CLI, 'serve', '--port', String(port), '--database-url', `sqlite:${join(dir, 'web.db')}`], { port, env: { LOG_LEVEL: 'warn' } });
const browser = await launchChromium(chromium);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const out = { runs, throttle: throttle ?? null, pages: {} };
try {
  const call = async (method, path, body, token) => (await fetch(server.url + path, {
    method, headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) }, body: JSON.stringify(body),
  })).json();
  const { token } = await call('POST', '/v1/auth/register', { handle: `bench_web_${process.pid}`, password: 'bench-password', isCreator: true });
  const now = Date.now();
  for (const [title, startsIn] of [['Tour poster', -1_000], ['Hoodie', -500], ['Vinyl', 3_600_000]]) {
    const product = await call('POST', '/v1/products', { title, priceCents: 4999, currency: 'EUR' }, token);
    const drop = await call('POST', '/v1/drops', { productId: product.id, startsAt: new Date(now + startsIn).toISOString(), endsAt: new Date(now + 7_200_000).toISOString(), stock: 100 }, token);
    out.dropId ??= drop.id;
  }
  for (const [name, path] of [['/', '/'], ['drop page', `/drops/${out.dropId}`]]) {
    for (const [mode, javaScript] of [['app', true], ['HTML only', false]]) {
      const reports = [];
      for (let i = 0; i < runs; i++) reports.push(await measureFirstLoad(browser, server.url, path, { throttle, javaScript }));
      const pick = (f) => median(reports.map(f));
      (out.pages[name] ??= {})[mode] = {
        transferred: pick((r) => r.transferred.total), js: pick((r) => r.transferred.js), gzip: pick((r) => r.gzip.total),
        gzipJs: pick((r) => r.gzip.js), fcp: pick((r) => r.fcp), lcp: pick((r) => r.lcp), tbt: pick((r) => r.tbt),
      };
    }
  }
} finally {
  await browser.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const m = machine();
console.log(`\nbench/web-load (${throttle ? '4× CPU, 150 ms RTT, 1.6 Mbit/s' : 'no throttling'}; median of ${runs}; ${m.cpus} × ${m.cpu}, load ${m.loadavg.join(' ')})`);
console.log('| page | mode | transferred | gzip (JS) | FCP ms | LCP ms | TBT ms |\n|---|---|---|---|---|---|---|');
for (const [name, modes] of Object.entries(out.pages)) {
  for (const [mode, r] of Object.entries(modes)) console.log(`| ${name} | ${mode} | ${kb(r.transferred)} | ${kb(r.gzip)} (${kb(r.gzipJs)}) | ${r.fcp} | ${r.lcp} | ${r.tbt} |`);
  const a = modes['app'];
  const b = modes['HTML only'];
  console.log(`| ${name} | app ÷ HTML only | ${(a.transferred / b.transferred).toFixed(2)}× | ${(a.gzip / b.gzip).toFixed(2)}× | ${(a.fcp / b.fcp).toFixed(2)}× | ${(a.lcp / b.lcp).toFixed(2)}× | – |`);
}
console.log(`saved ${saveResult('web-load', out)}`);
