import { expect } from 'chai';
import { expectProblem } from './support/client.js';
import { liveDrop, newKey, order, register, type Account } from './support/fixtures.js';
import { startTestServer, type TestServer } from './support/harness.js';
import { FAST } from './support/notifications.js';
import { SseClient } from './support/sse-client.js';
import { probeTcp, TcpProxy } from '@livedrops/test-support';

const REDIS = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const AMQP = process.env['TEST_AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';
const mustHave = process.env['CI'] === 'true' || process.env['CI'] === '1';

/** A server whose Redis or RabbitMQ (named by `variable`) sits behind a proxy the test cuts. */
function behindProxy(variable: 'TEST_REDIS_URL' | 'TEST_AMQP_URL', url: string, defaultPort: number) {
  const ctx = {} as { t: TestServer; proxy: TcpProxy };
  const saved = process.env[variable];
  before(async function () {
    const problem = await probeTcp(url, defaultPort);
    if (problem && !mustHave) {
      console.warn(
        `\n!!! ${url} not reachable (${problem}): its outage spec is SKIPPED (CI=true makes this a failure)\n`,
      );
      return this.skip();
    }
    const target = new URL(url);
    ctx.proxy = await new TcpProxy({ host: target.hostname, port: Number(target.port || defaultPort) }).start();
    target.host = `127.0.0.1:${ctx.proxy.port}`;
    process.env[variable] = target.toString();
    ctx.t = await startTestServer(FAST);
  });
  after(async () => {
    if (saved === undefined) delete process.env[variable];
    else process.env[variable] = saved;
    await ctx.t?.close();
    await ctx.proxy?.cut();
  });
  return ctx;
}

async function eventually(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('did not recover in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('losing Redis (REDIS_URL)', () => {
  const ctx = behindProxy('TEST_REDIS_URL', REDIS, 6379);

  it('answers 503 to orders with nothing done, keeps serving reads, reports redis down, and recovers by itself', async () => {
    const { t, proxy } = ctx;
    const creator = await register(t.client, 'rcreator', true);
    const buyer = await register(t.client, 'rbuyer');
    const drop = await liveDrop(t.client, creator, { stock: 5 });
    const key = newKey();
    await proxy.cut();
    try {
      expectProblem(await order(t.client, buyer, drop.id, 1, key), 503, 'unavailable');
      const ready = await t.client.get('/readyz');
      expect(ready.status).to.equal(503);
      expect(ready.json.checks).to.include({ redis: 'down', database: 'up' });
      const read = await t.client.get(`/v1/drops/${drop.id}`);
      expect(read.status).to.equal(200);
      expect(read.json.stock).to.deep.equal({ total: 5, available: 5 });
    } finally {
      await proxy.restore();
    }
    await eventually(async () => (await t.client.get('/readyz')).status === 200);
    const again = await order(t.client, buyer, drop.id, 1, key);
    expect(again.status, again.text).to.equal(201);
    expect(again.headers.get('idempotent-replayed')).to.equal(null); // the first attempt stored nothing
    expect((await t.client.get(`/v1/drops/${drop.id}`)).json.stock).to.deep.equal({ total: 5, available: 4 });
  });
});

describe('losing RabbitMQ (AMQP_URL)', () => {
  const ctx = behindProxy('TEST_AMQP_URL', AMQP, 5672);
  let stream: SseClient | undefined;
  afterEach(() => stream?.close());

  it('keeps taking orders, reports amqp down, and delivers their notifications once the broker is back', async () => {
    const { t, proxy } = ctx;
    const creator = await register(t.client, 'acreator', true);
    const buyer: Account = await register(t.client, 'abuyer');
    const drop = await liveDrop(t.client, creator, { stock: 5 });
    stream = await SseClient.open(t.url, { token: buyer.token });
    await proxy.cut();
    try {
      await eventually(async () => (await t.client.get('/readyz')).json?.checks?.amqp === 'down', 5_000);
      const placed = await order(t.client, buyer, drop.id, 1);
      expect(placed.status, placed.text).to.equal(201);
      await new Promise((r) => setTimeout(r, 300));
      expect(stream.events.map((e) => e.event)).to.deep.equal([]); // not published: nothing pushed yet
    } finally {
      await proxy.restore();
    }
    await stream.until((s) => s.events.length === 1, 15_000, 'order.confirmed after the broker came back');
    expect(stream.events.map((e) => e.event)).to.deep.equal(['order.confirmed']);
    await eventually(async () => (await t.client.get('/readyz')).status === 200);
  });
});
