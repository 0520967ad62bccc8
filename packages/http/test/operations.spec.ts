import { expect } from 'chai';
import { order, liveDrop, register } from './support/fixtures.js';
import { startTestServer, uniqueHandle, type TestServer } from './support/harness.js';
import { PASSWORD } from './support/fixtures.js';

describe('operations', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());

  it('GET /livez → 200', async () => {
    const res = await t.client.get('/livez');
    expect(res.status).to.equal(200);
    expect(res.json).to.deep.equal({ status: 'ok' });
  });

  it('GET /readyz → 200 with per-dependency status', async () => {
    const res = await t.client.get('/readyz');
    expect(res.status).to.equal(200);
    // Each configured dependency by name: the production profile adds redis and amqp.
    const extra = {
      ...(process.env['TEST_REDIS_URL'] ? { redis: 'up' } : {}),
      ...(process.env['TEST_AMQP_URL'] ? { amqp: 'up' } : {}),
    };
    expect(res.json).to.deep.equal({ status: 'ready', checks: { database: 'up', ...extra } });
  });

  it('GET /metrics → Prometheus text with livedrops_ request, latency, order and process metrics', async () => {
    const creator = await register(t.client, 'metric', true);
    const drop = await liveDrop(t.client, creator, { stock: 1 });
    await order(t.client, creator, drop.id, 1);
    await order(t.client, creator, drop.id, 1);
    await t.client.get(`/v1/drops/${drop.id}`);
    const res = await t.client.get('/metrics');
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/plain/);
    expect(res.text).to.match(
      /^livedrops_http_requests_total\{method="GET",route="\/v1\/drops\/\{id\}",status="200"\} 1$/m,
    );
    expect(res.text).to.match(/^livedrops_http_request_duration_seconds_bucket\{.*route="\/v1\/orders".*\} \d+$/m);
    expect(res.text).to.match(/^livedrops_orders_total\{outcome="confirmed"\} 1$/m);
    expect(res.text).to.match(/^livedrops_orders_total\{outcome="sold_out"\} 1$/m);
    expect(res.text).to.match(/^livedrops_process_cpu_user_seconds_total /m);
    expect(res.text).to.match(/^# HELP livedrops_cache_requests_total /m);
    expect(res.text).to.match(/^# HELP livedrops_stock_gate_total /m);
    // In-process cache: a hit. Redis: the first read of the drop is a miss (and stores it).
    if (!/^postgres/.test(process.env['TEST_DATABASE_URL'] ?? '') || process.env['TEST_REDIS_URL']) {
      const result = process.env['TEST_REDIS_URL'] ? 'miss' : 'hit';
      expect(res.text).to.match(
        new RegExp(`^livedrops_cache_requests_total\\{kind="drop",result="${result}"\\} [1-9]`, 'm'),
      );
    }
    // The sold-out memo in front of the book: the orders above went past it.
    expect(res.text).to.match(/^livedrops_stock_gate_total\{verdict="go"\} [1-9]/m);
    // Unmatched paths share one label, so random URLs cannot blow up the series count.
    await t.client.get('/random/path/123');
    expect((await t.client.get('/metrics')).text).to.match(/route="unmatched",status="404"/);
  });

  describe('graceful shutdown', () => {
    it('answers /readyz 503 while shutting down, finishes in-flight requests, then refuses connections', async () => {
      const s = await startTestServer({ shutdownDelayMs: 300 });
      let closing: Promise<void> | undefined;
      s.handle.server.once('request', () => {
        closing = s.handle.close();
      });
      // Registration hashes with scrypt, so it is still running when close() begins.
      const inFlight = s.client.post('/v1/auth/register', {
        body: { handle: uniqueHandle('late'), password: PASSWORD },
      });
      await new Promise((r) => setTimeout(r, 20));
      const ready = await s.client.get('/readyz');
      expect(ready.status).to.equal(503);
      expect(ready.json).to.include({ code: 'unavailable', shuttingDown: true });
      expect(ready.headers.get('connection')).to.equal('close');
      const res = await inFlight;
      expect(res.status, res.text).to.equal(201);
      expect(closing).to.not.equal(undefined);
      await closing;
      let refused = false;
      await fetch(`${s.url}/livez`).catch(() => {
        refused = true;
      });
      expect(refused).to.equal(true);
      await s.close();
    });
  });
});
