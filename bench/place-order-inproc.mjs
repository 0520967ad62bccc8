// In-process PlaceOrder throughput on a WAL file (no HTTP): the order hot path alone.
// Usage: node bench/place-order-inproc.mjs [--attempts 20000] [--inflight 64] [--auth]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlaceOrder, UnitOfWorkOrderBook } from '../packages/core/dist/src/index.js';
import { createSqliteAdapters, MemoryIdempotencyLock, SystemClock, UuidV7, RandomTokens } from '../packages/adapters/dist/src/index.js';
import { processCpu } from './lib/harness.mjs';
import { seedHotDrop } from './lib/seed.mjs';

const arg = (name, d) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : d; };
const attempts = arg('attempts', 20000);
const inflight = arg('inflight', 64);
const auth = process.argv.includes('--auth');
const dir = mkdtempSync(join(tmpdir(), 'bench-inproc-'));
const file = join(dir, 'orders.db');
try {
  const { dropId, tokens } = await seedHotDrop(file, { buyers: 500 });
  const clock = new SystemClock();
  const ports = await createSqliteAdapters({ filename: file, clock });
  const hasher = new RandomTokens();
  const placeOrder = new PlaceOrder({ ...ports, book: new UnitOfWorkOrderBook(ports), clock, ids: new UuidV7(), locks: new MemoryIdempotencyLock(clock) });
  const users = [];
  for (const t of tokens) users.push(await ports.sessions.findUser(hasher.hash(t)));
  let next = 0;
  const outcomes = {};
  const started = performance.now();
  const cpu0 = processCpu(process.pid);
  await Promise.all(Array.from({ length: inflight }, async () => {
    for (let i = next++; i < attempts; i = next++) {
      const user = auth ? await ports.sessions.findUser(hasher.hash(tokens[i % tokens.length])) : users[i % users.length];
      const { outcome } = await placeOrder.execute(user, `k-${i}`, { dropId, quantity: 1 });
      const code = outcome.ok ? 'ok' : outcome.error.code;
      outcomes[code] = (outcomes[code] ?? 0) + 1;
    }
  }));
  const s = (performance.now() - started) / 1000;
  const cpu1 = processCpu(process.pid);
  console.log(`${Math.round(attempts / s)} orders/s, ${inflight} in flight${auth ? ', with auth' : ''}; main thread ${((cpu1.main - cpu0.main) / attempts * 1e6).toFixed(1)} µs CPU/order, all threads ${((cpu1.all - cpu0.all) / attempts * 1e6).toFixed(1)} µs`, JSON.stringify(outcomes));
  const { statSync } = await import('node:fs');
  console.log('wal MB', (statSync(file + '-wal').size / 1e6).toFixed(1));
  await ports.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
