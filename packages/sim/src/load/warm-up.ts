import type { HttpClient } from '../client/http-client.js';
import type { PlannedDrop, World } from '../setup/world.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Catalogue reads while the drops count down, not recorded: a server that has just started
 * answers its first thousand requests with a cold JIT and cold caches, and an open-model load
 * at full rate from the first millisecond would measure that queue instead of the server.
 * Real servers are warm when a drop opens.
 */
export async function warmUp(
  http: HttpClient,
  world: World,
  drops: PlannedDrop[],
  ratePerSec: number,
  ms: number,
): Promise<void> {
  if (ms <= 0 || ratePerSec <= 0 || drops.length === 0) return;
  const end = Date.now() + ms;
  const gap = 1000 / ratePerSec;
  const inflight = new Set<Promise<unknown>>();
  for (let i = 0; Date.now() < end; i++) {
    const d = drops[i % drops.length]!;
    const creator = world.creators.find((c) => c.id === d.creatorId)!;
    const paths = [
      `/v1/drops/${d.id}`,
      '/v1/drops?status=upcoming&limit=20',
      `/v1/products/${creator.productId}`,
      `/v1/creators/${creator.id}`,
    ];
    const p = http.request('GET', paths[i % paths.length]!, { timeoutMs: 5000, parse: false });
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
    await sleep(gap);
  }
  await Promise.all(inflight);
}
