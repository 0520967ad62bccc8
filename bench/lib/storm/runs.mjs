// bench/storm's load: closed-loop autocannon spread over a target's instances (a round-robin
// of connections), and the even pacer, every request a distinct buyer with its own key.
import autocannon from 'autocannon';
import { paced } from '../paced.mjs';
import { tokenOf } from './seed.mjs';

let sent = 0;
let buyers = Infinity;
/** Buyers 0..n-1 exist; each request takes the next one (wrapping once the whole run outgrows them). */
export const setBuyers = (n) => (buyers = n);

function orderRequest(dropId) {
  // The key counts requests, never wraps: a wrapped buyer reusing an earlier request's key on
  // another drop would be answered 422 (key reused with a different body), not an order.
  const n = sent++;
  const i = n % buyers;
  return {
    method: 'POST',
    path: '/v1/orders',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenOf(i)}`, 'idempotency-key': `storm-${process.pid}-${n}` },
    body: JSON.stringify({ dropId, quantity: 1 }),
  };
}

/**
 * Waits (at most `maxMs`) until the target's processes use under 5 % of a core over 250 ms:
 * a run's after-work (the outbox relay publishing thousands of events, their fan-out) would
 * otherwise land in the next run and be charged to it.
 */
export async function settle(target, maxMs = 20_000) {
  const until = Date.now() + maxMs;
  let last = target.cpu();
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, 250));
    const now = target.cpu();
    if (now - last < 0.0125) return;
    last = now;
  }
}

/** Closed loop for `duration` s, `connections` split over the target's urls; GET `path` when given. */
export async function closedLoop(target, { dropId, path, duration, connections }) {
  const per = Math.ceil(connections / target.urls.length);
  const requests = path ? undefined : [{ setupRequest: (req) => ({ ...req, ...orderRequest(dropId) }) }];
  const cpu0 = target.cpu();
  const rs = await Promise.all(target.urls.map((url) => autocannon({ url: url + (path ?? '/v1/orders'), connections: per, duration, requests })));
  const cpuSeconds = target.cpu() - cpu0;
  const statuses = {};
  for (const r of rs) for (const [k, v] of Object.entries(r.statusCodeStats ?? {})) statuses[k] = (statuses[k] ?? 0) + v.count;
  const total = rs.reduce((s, r) => s + r.requests.total, 0);
  return {
    rps: rs.reduce((s, r) => s + r.requests.average, 0),
    total,
    /** Server CPU (all its processes, all threads) per request: what a busy shared machine disturbs least. */
    cpuUs: Math.round((cpuSeconds / Math.max(1, total)) * 1e6),
    errors: rs.reduce((s, r) => s + r.errors + r.timeouts, 0),
    statuses,
    p50: Math.max(...rs.map((r) => r.latency.p50)),
    p99: Math.max(...rs.map((r) => r.latency.p99)),
  };
}

/** Fixed rate (even pacer, no coordinated omission), split over the target's urls. */
export async function pacedRun(target, { dropId, rate, duration, connections }) {
  const per = Math.ceil(connections / target.urls.length);
  const rs = await Promise.all(target.urls.map((url) => paced({ url, rate: rate / target.urls.length, duration, connections: per, warmPath: '/livez', request: () => orderRequest(dropId) })));
  const worst = (k) => Math.max(...rs.map((r) => r[k]));
  return { rate, completed: rs.reduce((s, r) => s + r.completed, 0), errors: rs.reduce((s, r) => s + r.errors, 0), p50: worst('p50'), p99: worst('p99'), p999: worst('p999') };
}
