// ad-hoc: profile livedrops serve (PG+Redis+AMQP) under the storm succeed/soldOut load
import { readdirSync, readFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import autocannon from 'autocannon';
import { CLI, openPort, spawnServer } from '/work/main/bench/lib/harness.mjs';
import { tempDatabase } from '/work/main/bench/lib/pairs/services.mjs';
import { seedWorld, tokenOf } from '/work/main/bench/lib/storm/seed.mjs';
const mode = process.argv[2] ?? 'succeed';
const db = await tempDatabase('prof');
try {
  const w = await seedWorld(db.url, 80000);
  const dropId = await w.drop(mode === 'soldOut' ? 1 : 10_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'prof-'));
  const port = await openPort();
  const s = await spawnServer(['--cpu-prof', `--cpu-prof-dir=${dir}`, CLI, 'serve', '--port', String(port), '--database-url', db.url, '--log-level', 'warn', '--redis-url', 'redis://127.0.0.1:6379', '--amqp-url', 'amqp://guest:guest@127.0.0.1:5672'], { port, env: { REDIS_PREFIX: `prof-${process.pid}:`, AMQP_EXCHANGE: `prof.${process.pid}` } });
  let i = 0;
  const req = () => { const k = i++; return { method: 'POST', path: '/v1/orders', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenOf(k)}`, 'idempotency-key': `p-${k}` }, body: JSON.stringify({ dropId, quantity: 1 }) }; };
  if (mode === 'soldOut') await fetch(`${s.url}/v1/orders`, req());
  const r = await autocannon({ url: `${s.url}/v1/orders`, connections: 50, duration: 8, requests: [{ setupRequest: (x) => ({ ...x, ...req() }) }] });
  console.log('rps', r.requests.average, 'p99', r.latency.p99, 'non2xx', r.non2xx);
  await s.stop();
  const f = readdirSync(dir).find((x) => x.endsWith('.cpuprofile'));
  console.log('PROFILE', join(dir, f));
} finally { await db.drop().catch(() => undefined); }
