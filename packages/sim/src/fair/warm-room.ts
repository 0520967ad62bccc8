import type { Api } from '../client/api.js';
import { sleep } from '../load/load-context.js';
import { LatencyBook } from '../report/latency.js';
import { type FairCtx, type FairUser, queueUser } from './fair-users.js';

/** The warm room opens this long after it is created: its joins come in the second before, as the storm's do. */
const OPENS_IN_MS = 1200;
/** Its stock: small, so it sells out (and closes its line) within a second of opening. */
const UNITS = 20;

export interface WarmRoom {
  api: Api;
  creatorToken: string;
  productId: string;
  /** The storm's users: a fifth of them (at least 100) take part, on the storm's clients and streams. */
  users: FairUser[];
  ctx: Pick<FairCtx, 'http' | 'inbox' | 'streams'>;
  /** How long it may take; at the end a room still open is cancelled. */
  ms: number;
}

/**
 * queue-storm's warm-up, not recorded: a small waiting room of its own opens, admits, sells
 * out and closes before the measured one is created, so the storm meets a server whose join,
 * shuffle, admission, notification and order paths have run, as a real server's have when a
 * celebrity's drop opens (the order storms warm up with catalogue reads, load/warm-up.ts).
 * Its users are the storm's own, on the same connections and streams. Returns how many joined.
 */
export async function warmRoom(w: WarmRoom): Promise<number> {
  const users = w.users.slice(0, Math.max(100, Math.ceil(w.users.length / 5)));
  if (w.ms <= 0 || users.length === 0) return 0;
  const startsAt = Date.now() + OPENS_IN_MS;
  const at = (ms: number) => new Date(ms).toISOString();
  const drop = await w.api.call<{ id: string }>('POST', '/v1/drops', [201], {
    token: w.creatorToken,
    body: {
      productId: w.productId,
      access: 'queue',
      stock: UNITS,
      startsAt: at(startsAt),
      endsAt: at(startsAt + 3_600_000),
    },
  });
  let running = true;
  const c: FairCtx = {
    ...w.ctx,
    latency: new LatencyBook(),
    dropId: drop.id,
    startsAt,
    pollMs: 1000,
    outcomes: {},
    running: () => running,
  };
  // Most join in the second before the opening (pre-queue), a quarter just after it (arrivals).
  const joinAt = () => startsAt - 1000 + 1300 * Math.random();
  const done = Promise.all(users.map((u) => queueUser(c, u, joinAt())));
  await Promise.race([done, sleep(w.ms)]);
  running = false;
  const left = await w.api.call<{ status: string }>('GET', `/v1/drops/${drop.id}`, [200]);
  if (left.status === 'upcoming' || left.status === 'live')
    await w.api.call('POST', `/v1/drops/${drop.id}/cancel`, [200], { token: w.creatorToken });
  // Loops still waiting on a quiet stream stop now, not when their wait runs out.
  w.ctx.inbox?.wakeAll();
  await done;
  return users.length;
}
