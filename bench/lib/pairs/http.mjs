// HTTP rows: raw node:http JSON, Koa hello, POST /v1/orders and the cached GET /v1/drops/{id},
// each closed-loop with autocannon for the same time and connections, servers in child processes.
import { join } from 'node:path';
import { cannon, CLI, cpuWatch, openPort, ROOT, spawnServer } from '../harness.mjs';
import { seedHotDrop } from '../seed.mjs';

async function measure(args, port, opts, env = {}) {
  const server = await spawnServer(args, { port, env });
  try {
    await cannon({ ...opts(server.url), duration: 1 }); // warm-up: JIT, sockets
    const watch = cpuWatch([server.child.pid, process.pid]);
    const r = await cannon(opts(server.url));
    return { ...r, cpu: watch() };
  } finally {
    await server.stop();
  }
}

export async function httpPairs({ duration, connections, dir }) {
  const plain = (path) => (url) => ({ url: `${url}${path}`, duration, connections });
  let port = await openPort();
  const raw = await measure([`${ROOT}bench/raw-http-server.mjs`, String(port)], port, plain('/'));
  port = await openPort();
  const koa = await measure([`${ROOT}bench/koa-hello-server.mjs`, String(port)], port, plain('/'));

  const file = join(dir, 'http.db');
  const { dropId, tokens } = await seedHotDrop(file, { buyers: 2000 });
  const body = JSON.stringify({ dropId, quantity: 1 });
  let n = 0;
  const orderRequests = [{
    method: 'POST',
    setupRequest: (req) => {
      const i = n++;
      req.headers = { 'content-type': 'application/json', authorization: `Bearer ${tokens[i % tokens.length]}`, 'idempotency-key': `all-${process.pid}-${i}` };
      req.body = body;
      return req;
    },
  }];
  port = await openPort();
  const serve = [CLI, 'serve', '--port', String(port), '--database-url', `sqlite:${file}`, '--log-level', 'warn'];
  const app = await spawnServer(serve, { port });
  let order, read;
  try {
    await cannon({ url: `${app.url}/v1/orders`, requests: orderRequests, duration: 1, connections }); // warm-up
    let watch = cpuWatch([app.child.pid, process.pid]);
    order = { ...(await cannon({ url: `${app.url}/v1/orders`, requests: orderRequests, duration, connections })), cpu: watch() };
    watch = cpuWatch([app.child.pid, process.pid]);
    read = { ...(await cannon({ url: `${app.url}/v1/drops/${dropId}`, duration, connections })), cpu: watch() };
  } finally {
    await app.stop();
  }
  const base = 'raw node:http JSON';
  return [
    { group: 'HTTP', baseline: base, baselineOps: raw.rps, subject: 'Koa hello (JSON)', ops: koa.rps, p99: koa.p99, unit: 'req/s', noise: [raw.cpu, koa.cpu] },
    { group: 'HTTP', baseline: base, baselineOps: raw.rps, subject: 'POST /v1/orders (SQLite, hot drop)', ops: order.rps, p99: order.p99, unit: 'req/s', noise: [raw.cpu, order.cpu], non2xx: order.non2xx },
    { group: 'HTTP', baseline: base, baselineOps: raw.rps, subject: 'GET /v1/drops/{id} (cached)', ops: read.rps, p99: read.p99, unit: 'req/s', noise: [raw.cpu, read.cpu], non2xx: read.non2xx },
  ];
}
