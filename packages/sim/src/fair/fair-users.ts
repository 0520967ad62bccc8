import type { HttpClient } from '../client/http-client.js';
import type { LatencyBook } from '../report/latency.js';

export interface FairUser {
  index: number;
  userId: string;
  token: string;
}

export interface FairCtx {
  http: HttpClient;
  latency: LatencyBook;
  dropId: string;
  startsAt: number;
  pollMs: number;
  /** Answers by request and status, for the report. */
  outcomes: Record<string, number>;
  running: () => boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));

async function call(
  c: FairCtx,
  name: string,
  method: string,
  path: string,
  u: FairUser,
  body?: unknown,
  headers?: Record<string, string>,
) {
  const t0 = performance.now();
  const r = await c.http.request(method, path, { token: u.token, body, headers, timeoutMs: 10_000 });
  c.latency.record(name, performance.now() - t0);
  const label =
    r.kind === 'response' ? `${name} ${r.status}${r.body?.code ? ` ${r.body.code}` : ''}` : `${name} ${r.error}`;
  c.outcomes[label] = (c.outcomes[label] ?? 0) + 1;
  return r.kind === 'response' ? r : null;
}

/**
 * One waiting-room user: joins at `joinAt`, then reads their place every `pollMs` (as an app
 * without the stream would) until admitted or closed; admitted, orders once with the pass.
 * Records when they first knew their position after the start, and their admission's lag.
 */
export async function queueUser(c: FairCtx, u: FairUser, joinAt: number): Promise<void> {
  await sleep(joinAt - Date.now());
  const path = `/v1/drops/${c.dropId}/queue`;
  let place = (await call(c, 'POST queue', 'POST', path, u))?.body;
  let knewPosition = false;
  while (c.running()) {
    if (place?.position != null && !knewPosition && Date.now() >= c.startsAt) {
      knewPosition = true;
      c.latency.record('position known after start', Date.now() - c.startsAt);
    }
    if (place?.state === 'admitted') {
      c.latency.record('admitted after start', Date.now() - c.startsAt);
      await call(
        c,
        'POST /v1/orders',
        'POST',
        '/v1/orders',
        u,
        { dropId: c.dropId, quantity: 1, pass: place.pass },
        { 'idempotency-key': `fair-${u.userId}` },
      );
      return;
    }
    if (place?.state === 'closed') return;
    await sleep(c.pollMs * (0.5 + Math.random()));
    place = (await call(c, 'GET queue', 'GET', path, u))?.body ?? place;
  }
}

/** One draw entrant: enters at `enterAt`; that is all (the draw tells them by notification). */
export async function drawUser(c: FairCtx, u: FairUser, enterAt: number): Promise<void> {
  await sleep(enterAt - Date.now());
  await call(c, 'POST entries', 'POST', `/v1/drops/${c.dropId}/entries`, u);
}
