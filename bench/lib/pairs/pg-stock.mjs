// PostgreSQL stock rows: pgbench hammering one hot row with the same conditional UPDATE
// (the floor: C client, no ORM, no transaction beyond the statement), beside
// Inventory.reserve through the Postgres engine's unit of work, same clients, same time.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, openData, SystemClock } from '../../../packages/adapters/dist/src/index.js';
import { ROOT } from '../harness.mjs';
import { has, run, tempDatabase } from './services.mjs';
import { inFlightFor, seedDrop } from './stock-common.mjs';

const CLIENTS = 8;

/**
 * bench/pg-stock.mjs (the Postgres engine's own bench: pgbench and the adapter in A B B A
 * order, the order transaction's SQL replayed from pgbench) is the better measurement when
 * it exists: run it and read its results instead of measuring twice.
 */
function fromPgStock(duration) {
  run(process.execPath, [`${ROOT}bench/pg-stock.mjs`, '--duration', String(duration), '--no-http']);
  const r = JSON.parse(readFileSync(`${ROOT}bench/results/pg-stock.json`, 'utf8'));
  const mean = (rs) => rs.reduce((s, x) => s + x.rate, 0) / rs.length;
  const p99 = (rs) => Math.max(...rs.map((x) => x.p99 ?? 0)) || undefined;
  const { hot, same, orderTx, useCase } = r.runs;
  if (![hot, same, orderTx, useCase].every((rs) => Array.isArray(rs) && rs.length)) throw new Error('bench/results/pg-stock.json: unexpected shape');
  const base = { group: 'PostgreSQL', unit: 'ops/s' };
  const pgbenchHot = `pgbench: BEGIN; hot-row conditional UPDATE; END (${r.clients} clients)`;
  const tx = `the order's unit of work: reserve + order + outbox + idempotency (${r.clients} in flight)`;
  return [
    { ...base, baseline: pgbenchHot, baselineOps: mean(hot), subject: tx, ops: mean(orderTx), p99: p99(orderTx) },
    { ...base, baseline: "pgbench: the same order transaction's SQL, no Node", baselineOps: mean(same), subject: tx, ops: mean(orderTx), p99: p99(orderTx) },
    { ...base, baseline: pgbenchHot, baselineOps: mean(hot), subject: 'PlaceOrder.execute (+ idempotency lookup, drop read)', ops: mean(useCase), p99: p99(useCase) },
  ];
}

export async function postgresPairs({ duration, dir }) {
  if (existsSync(`${ROOT}bench/pg-stock.mjs`) && has('pgbench')) {
    try {
      return fromPgStock(duration);
    } catch (e) {
      process.stderr.write(`bench/all: bench/pg-stock.mjs failed (${e.message.split('\n')[0]}); measuring the stock path here instead\n`);
    }
  }
  const row = { group: 'PostgreSQL', baseline: `pgbench hot-row conditional UPDATE, ${CLIENTS} clients`, subject: `Inventory.reserve in a unit of work (${CLIENTS} in flight)`, unit: 'ops/s' };
  if (!has('pgbench')) return [{ ...row, na: 'n/a (pgbench not installed)' }];
  let bench, ours;
  try {
    bench = await tempDatabase('pgbench');
    ours = await tempDatabase('stock');
  } catch (e) {
    await bench?.drop().catch(() => undefined);
    return [{ ...row, na: `n/a (PostgreSQL not reachable: ${e.message})` }];
  }
  try {
    let data;
    try {
      data = await openData(loadConfig({ DATABASE_URL: `${ours.url}?connection_limit=${CLIENTS}` }), new SystemClock());
    } catch (e) {
      if (/not supported/.test(e.message)) return [{ ...row, na: 'n/a (not built yet)' }];
      throw e;
    }
    let path;
    try {
      const { dropId, userId } = await seedDrop(data);
      path = await inFlightFor(CLIENTS, duration, () => data.uow.run((tx) => tx.inventory.reserve({ dropId, userId, quantity: 1, perUserLimit: null })));
    } finally {
      await data.close();
    }
    const conn = new URL(bench.url);
    const env = { PGHOST: conn.hostname, PGPORT: conn.port || '5432', PGUSER: decodeURIComponent(conn.username || 'postgres'), PGDATABASE: bench.name };
    run('psql', ['-q', '-c', 'CREATE TABLE stock (id int PRIMARY KEY, sold bigint NOT NULL, total bigint NOT NULL, CHECK (sold <= total)); INSERT INTO stock VALUES (1, 0, 1000000000000);'], env);
    const script = join(dir, 'hot-row.sql');
    writeFileSync(script, 'UPDATE stock SET sold = sold + 1 WHERE id = 1 AND sold + 1 <= total;\n');
    const out = run('pgbench', ['-n', '-c', String(CLIENTS), '-j', '2', '-T', String(duration), '-f', script], env);
    const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1]);
    return [{ ...row, baselineOps: tps, ops: path.rate, p99: path.p99 }];
  } finally {
    await bench.drop().catch(() => undefined);
    await ours.drop().catch(() => undefined);
  }
}
