import type { PoolClient } from '../client/pool-client.js';
import type { LatencyBook } from '../report/latency.js';
import type { HeardEvent, UserInbox } from './user-inbox.js';

export interface FairUser {
  index: number;
  userId: string;
  token: string;
  /** Where the user's requests go (an index into `FairCtx.http`): round-robin, then wherever failover took them. */
  at: number;
}

export interface FairCtx {
  /** One client per server URL (`--api URL1,URL2,…`); a single one embedded. */
  http: PoolClient[];
  latency: LatencyBook;
  dropId: string;
  startsAt: number;
  pollMs: number;
  /** What the streams of users `0..streams-1` delivered; the others have no stream and poll. */
  inbox?: UserInbox | undefined;
  streams: number;
  /** Answers by request and status, for the report. */
  outcomes: Record<string, number>;
  running: () => boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/**
 * One request, as a client behind a load balancer sees it: a connection-level failure
 * (refused, reset, timeout: the instance died) is tried again on the next instance, each
 * at most once, and the user stays there. Every request here is safe to repeat: joins and
 * entries are idempotent, and an order carries the same Idempotency-Key every time.
 */
async function call(
  c: FairCtx,
  name: string,
  method: string,
  path: string,
  u: FairUser,
  body?: unknown,
  headers?: Record<string, string>,
) {
  for (let tries = 0; tries < c.http.length; tries++) {
    const t0 = performance.now();
    const r = await c.http[u.at]!.request(method, path, { token: u.token, body, headers, timeoutMs: 10_000 });
    c.latency.record(name, performance.now() - t0);
    const label =
      r.kind === 'response' ? `${name} ${r.status}${r.body?.code ? ` ${r.body.code}` : ''}` : `${name} ${r.error}`;
    c.outcomes[label] = (c.outcomes[label] ?? 0) + 1;
    if (r.kind === 'response') return r;
    u.at = (u.at + 1) % c.http.length;
  }
  return null;
}

/**
 * When each user first knew where they stand, from the start: their place, or (never placed)
 * that the drop is over. queue-storm's target is its p99.
 */
export const STANDING = 'place or closing known after start';

/** With the stream open, the place is read only after this long without a word on it. */
const QUIET_MS = 10_000;

/** A place as the join or GET answered it, or as a notification on the stream changed it. */
type Place = { state?: string; position?: number | null; pass?: string; code?: string } | undefined;

function heard(place: Place, e: HeardEvent): Place {
  if (e.type === 'queue.position') return { ...place, state: 'waiting', position: e.data['position'] as number };
  if (e.type === 'queue.admitted') return { ...place, state: 'admitted', pass: e.data['pass'] as string };
  if (e.type === 'queue.closed') return { ...place, state: 'closed' };
  return place;
}

/**
 * One waiting-room user: joins at `joinAt`; then, holding their notification stream, learns
 * their place, admission (with the pass) or closing from it, reading the place only when it
 * has been quiet for long; without a stream, reads the place every `pollMs`, as an app
 * without the stream would. Admitted, orders once with the pass. Records when they first knew
 * their position after the start (or that the drop was over, never placed), and their admission's lag.
 */
export async function queueUser(c: FairCtx, u: FairUser, joinAt: number): Promise<void> {
  await sleep(joinAt - Date.now());
  const path = `/v1/drops/${c.dropId}/queue`;
  const inbox = u.index < c.streams ? c.inbox : undefined;
  let place: Place = (await call(c, 'POST queue', 'POST', path, u))?.body;
  let knewAt = place?.position != null ? Date.now() : null;
  let knewPosition = false;
  while (c.running()) {
    if (knewAt !== null && !knewPosition && knewAt >= c.startsAt) {
      knewPosition = true;
      c.latency.record('position known after start', knewAt - c.startsAt);
      c.latency.record(STANDING, knewAt - c.startsAt);
    }
    if (place?.state === 'admitted') {
      c.latency.record('admitted after start', Date.now() - c.startsAt);
      await order(c, u, place.pass!);
      return;
    }
    // Closed out, or refused at the door (sold out or ended before the join was taken): done.
    if (place?.state === 'closed' || place?.code === 'entries_closed') {
      // Never placed (the drop sold out before their join was taken, or before their place was
      // told): when they learned it was over is where they stand.
      if (knewAt === null && Date.now() >= c.startsAt) {
        c.latency.record('closed before a place, after start', Date.now() - c.startsAt);
        c.latency.record(STANDING, Date.now() - c.startsAt);
      }
      return;
    }
    const e = inbox ? await inbox.next(u.index, QUIET_MS) : await sleep(c.pollMs * (0.5 + Math.random()));
    if (e && e.data['dropId'] === c.dropId) {
      place = heard(place, e);
      if (place?.position != null || place?.state === 'admitted') knewAt ??= e.at;
      continue;
    }
    if (e) continue;
    // A join whose answer never came (a lost answer, an instance gone) is asked again: joins are idempotent.
    const joined = typeof place?.state === 'string';
    const next = joined ? await call(c, 'GET queue', 'GET', path, u) : await call(c, 'POST queue', 'POST', path, u);
    place = next?.body ?? place;
    if (place?.position != null) knewAt ??= Date.now();
  }
}

/**
 * Orders once with the pass, one Idempotency-Key, as an app would: again while the answer is
 * 409 `idempotency_key_in_use` (the key's first attempt was on an instance that died holding
 * its in-flight marker, which lasts 30 s), 429 or 5xx.
 */
async function order(c: FairCtx, u: FairUser, pass: string): Promise<void> {
  const body = { dropId: c.dropId, quantity: 1, pass };
  // One key per user and drop: the warm-up's room is another drop (warm-room.ts).
  const headers = { 'idempotency-key': `fair-${c.dropId}-${u.userId}` };
  while (c.running()) {
    const r = await call(c, 'POST /v1/orders', 'POST', '/v1/orders', u, body, headers);
    const again = r && (r.body?.code === 'idempotency_key_in_use' || r.status === 429 || r.status >= 500);
    if (!again) return;
    await sleep(c.pollMs * (0.5 + Math.random()));
  }
}

/** One draw entrant: enters at `enterAt`; that is all (the draw tells them by notification). */
export async function drawUser(c: FairCtx, u: FairUser, enterAt: number): Promise<void> {
  await sleep(enterAt - Date.now());
  await call(c, 'POST entries', 'POST', `/v1/drops/${c.dropId}/entries`, u);
}
