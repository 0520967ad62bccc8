// Helpers of bench/pg-stock: CPU the rest of the machine took, and buyers with sessions.
import { readdirSync, readFileSync } from 'node:fs';
import { loadConfig, openData, RandomTokens, SystemClock } from '../../packages/adapters/dist/src/index.js';
import { machineCpu, processCpu } from './harness.mjs';
import { seedDrop } from './pairs/stock-common.mjs';

const comm = (pid) => { try { return readFileSync(`/proc/${pid}/comm`, 'utf8').trim(); } catch { return ''; } };

/** CPU seconds of this process, its children's kind (pgbench, node servers) and every postgres backend. */
function benchCpu() {
  let sum = processCpu(process.pid).all;
  for (const d of readdirSync('/proc')) if (/^\d+$/.test(d) && Number(d) !== process.pid && ['postgres', 'pgbench'].includes(comm(d))) sum += processCpu(Number(d)).all || 0;
  return sum;
}

/**
 * How many cores other processes used while a run went on: machine CPU minus ours (this
 * script, pgbench, PostgreSQL). On a shared 2-core box a run where others took a core says little.
 */
export function machineBusy() {
  const t0 = performance.now(), all0 = machineCpu(), ours0 = benchCpu();
  return () => {
    const wall = (performance.now() - t0) / 1000;
    return { othersCores: Math.max(0, Math.round(((machineCpu() - all0 - (benchCpu() - ours0)) / wall) * 100) / 100) };
  };
}

/** A hot drop and `n` buyers with bearer tokens, written through the Postgres engine (no scrypt, no HTTP). */
export async function seedBuyers(url, n) {
  const clock = new SystemClock();
  const data = await openData(loadConfig({ DATABASE_URL: url }), clock);
  try {
    const { dropId } = await seedDrop(data);
    const issuer = new RandomTokens();
    const tokens = [];
    const at = clock.now();
    for (let i = 0; i < n; i++) {
      const id = `pgb-buyer-${process.pid}-${i}`;
      await data.users.create({ id, handle: `pgb_${i}_${at % 100000}`, displayName: `Buyer ${i}`, isCreator: false, createdAt: at }, 'x');
      const { token, hash } = issuer.issue();
      await data.sessions.create({ tokenHash: hash, userId: id, createdAt: at });
      tokens.push(token);
    }
    return { dropId, tokens };
  } finally {
    await data.close();
  }
}
