// Baseline for bench/storm: what deciding later costs at its cheapest. Plain node:http, one
// Redis Lua reserve per request, an unconfirmed RabbitMQ publish, "pending" as the answer.
// Nothing durable is decided before it answers. Usage: node bench/queue-only-server.mjs PORT PREFIX
import http from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../packages/adapters/package.json', import.meta.url));
const Redis = require('ioredis');
const amqp = require('amqplib');
const [port, prefix] = [Number(process.argv[2]), process.argv[3] ?? 'queue-only:'];

const redis = new Redis(process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379', { keyPrefix: prefix });
redis.defineCommand('reserve', {
  numberOfKeys: 1,
  lua: "local left = tonumber(redis.call('GET', KEYS[1]) or '0') if left < tonumber(ARGV[1]) then return -1 end return redis.call('DECRBY', KEYS[1], ARGV[1])",
});
const conn = await amqp.connect(process.env.BENCH_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672');
const channel = await conn.createChannel();
const queue = `${prefix}orders`;
await channel.assertQueue(queue, { durable: false, autoDelete: true });
await channel.consume(queue, () => undefined, { noAck: true }); // a worker that would decide later

const reply = (res, status, body) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
const server = http.createServer((req, res) => {
  if (req.method === 'GET') return reply(res, 200, { ok: true });
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c) => (body += c));
  req.on('end', async () => {
    const { dropId, quantity } = JSON.parse(body || '{}');
    const left = await redis.reserve(`stock:${dropId}`, quantity);
    if (left < 0) return reply(res, 409, { code: 'sold_out' });
    const key = req.headers['idempotency-key'];
    channel.publish('', queue, Buffer.from(JSON.stringify({ dropId, quantity, key })));
    reply(res, 202, { status: 'pending', key });
  });
});
// Stock is set by the bench through the same Redis (SET <prefix>stock:<dropId> N).
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => server.close(async () => {
  await channel.close().catch(() => undefined);
  await conn.close().catch(() => undefined);
  redis.disconnect();
  process.exit(0);
}));
