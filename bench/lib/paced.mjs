// An open-loop load generator for latency at a fixed rate: request i is due at
// start + i / rate, whatever happened to the ones before it, and its latency is counted
// from when it was due (so a server that stalls is charged for every request that queued
// behind the stall: no coordinated omission).
//
// Why not `autocannon -R`: it gives each connection a per-second budget that it spends
// back to back at the top of every second (a burst at saturation speed, then silence),
// and its coordinated-omission correction records each slow response with an expected
// interval of ceil(1 / per-connection-rate) = 1 ms, back-filling one synthetic sample per
// millisecond of the response's latency. On this machine GET /livez (≈ 40 µs of work) at
// 1,200/s shows p99 ≈ 200 ms under `-R`, and ≈ 1 ms paced.
import http from 'node:http';

/**
 * @param {object} o
 * @param {string} o.url        base URL, e.g. http://127.0.0.1:3000
 * @param {number} o.rate       requests per second
 * @param {number} o.duration   seconds
 * @param {number} [o.connections] keep-alive sockets at most (requests beyond them queue, and that wait counts)
 * @param {(i: number) => { method: string, path: string, headers?: object, body?: string }} o.request
 * @param {string} [o.warmPath] opens every socket first with a GET of this path (e.g. /livez), so
 *   the run measures requests, not TCP handshakes queued behind a busy server's accept loop
 */
export async function paced({ url, rate, duration, connections = 64, request, warmPath }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const { hostname, port } = new URL(url);
  if (warmPath) await Promise.all(Array.from({ length: connections }, () => getOnce(agent, hostname, port, warmPath)));
  const total = Math.round(rate * duration);
  const latencies = new Float64Array(total);
  const statuses = new Map();
  let sent = 0;
  let done = 0;
  let errors = 0;
  const start = performance.now() + 20;
  const interval = 1000 / rate;

  return new Promise((resolve) => {
    const finish = () => {
      clearInterval(timer);
      agent.destroy();
      const sorted = Array.from(latencies.subarray(0, done)).sort((a, b) => a - b);
      const at = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);
      const ms = (v) => Math.round(v * 100) / 100;
      resolve({
        rate,
        sent,
        completed: done,
        errors,
        statuses: Object.fromEntries(statuses),
        p50: ms(at(50)),
        p90: ms(at(90)),
        p99: ms(at(99)),
        p999: ms(at(99.9)),
        max: ms(sorted.at(-1) ?? NaN),
      });
    };
    const fire = (i, due) => {
      const r = request(i);
      const req = http.request({ agent, hostname, port, method: r.method, path: r.path, headers: r.headers }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies[done++] = performance.now() - due;
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          if (done + errors === total) finish();
        });
      });
      req.on('error', () => {
        errors++;
        if (done + errors === total) finish();
      });
      req.end(r.body);
    };
    // Fires everything that has fallen due; a late tick sends the backlog at once, and
    // those requests are charged from their due times.
    const timer = setInterval(() => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) {
        fire(sent, start + sent * interval);
        sent++;
      }
    }, 1);
  });
}

function getOnce(agent, hostname, port, path) {
  return new Promise((resolve) => {
    const req = http.request({ agent, hostname, port, path }, (res) => res.resume().on('end', resolve));
    req.on('error', resolve);
    req.end();
  });
}
