// bench/storm's ceiling: how many orders a second PostgreSQL itself absorbs through the batch
// statement (pgbench calling livedrops_order_batch_v2 on one hot drop, no Node at all), the
// most any number of instances can reach on this database.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../pairs/services.mjs';

const script = (dropId, buyers, size) => {
  const n = `generate_series(1, ${size})`;
  const ids = `ARRAY(SELECT gen_random_uuid()::text FROM ${n})`;
  return `SELECT count(*) FROM livedrops_order_batch_v2('${dropId}', ARRAY(SELECT 'sb-' || (random() * ${buyers - 1})::int FROM ${n}),
    ${ids}, array_fill('["d",1]'::text, ARRAY[${size}]), array_fill(1, ARRAY[${size}]), array_fill(1::int8, ARRAY[${size}]), ${ids},
    2500, 'USD', array_fill('{"ok":true}'::jsonb, ARRAY[${size}]), ${ids}, array_fill('{"dropId":"d"}'::jsonb, ARRAY[${size}]),
    gen_random_uuid()::text, '{"available":0}', gen_random_uuid()::text, '{"available":0}', '{}'::jsonb, '987654321', 10000, 'confirmed', 'order.confirmed', array_fill(NULL::int8, ARRAY[${size}]));\n`
    .replace(/\n\s*/g, ' ') + '\n';
};

/** pgbench on the batch function: batches of 1 and 50 orders, 1 and 8 clients. */
export async function batchCeiling(databaseUrl, world, duration) {
  const u = new URL(databaseUrl);
  const env = { PGHOST: u.hostname, PGPORT: u.port || '5432', PGUSER: decodeURIComponent(u.username || 'postgres'), PGDATABASE: u.pathname.slice(1) };
  const dropId = await world.drop(10_000_000);
  const runs = [];
  for (const [size, clients] of [[1, 8], [50, 1], [50, 8]]) {
    const file = join(tmpdir(), `storm-batch-${size}-${process.pid}.sql`);
    writeFileSync(file, script(dropId, world.buyers, size));
    const out = run('pgbench', ['-n', '-c', String(clients), '-j', '2', '-T', String(duration), '-f', file], env);
    const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1]);
    runs.push({ size, clients, statements: tps, orders: tps * size });
  }
  const summary = runs.map((r) => `${r.size} per statement × ${r.clients} clients: ${Math.round(r.orders)} orders/s`).join('; ');
  return { runs, summary };
}
