import type { StreamSwarm } from './streams/swarm.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Quiescence: waits until the streams have received nothing new for `quietMs` (events still
 * in the relay or in flight to a socket get their chance), at most `maxMs`.
 */
export async function settle(swarm: StreamSwarm | undefined, quietMs: number, maxMs: number): Promise<number> {
  const t0 = Date.now();
  if (!swarm) {
    await sleep(Math.min(quietMs, maxMs));
    return Date.now() - t0;
  }
  let last = (await swarm.count()).received;
  let quietSince = Date.now();
  while (Date.now() - t0 < maxMs) {
    await sleep(100);
    const now = (await swarm.count()).received;
    if (now !== last) {
      last = now;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) break;
  }
  return Date.now() - t0;
}
