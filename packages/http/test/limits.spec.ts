import { connect } from 'node:net';
import { loadConfig } from '@livedrops/adapters';
import { expect } from 'chai';
import { expectProblem, type Res } from './support/client.js';
import { liveDrop, newKey, PASSWORD, register, type Account } from './support/fixtures.js';
import { startTestServer, uniqueHandle, type TestServer } from './support/harness.js';
import { SseClient } from './support/sse-client.js';

function expectLimited(res: Res): void {
  expectProblem(res, 429, 'rate_limited');
  expect(Number(res.headers.get('retry-after'))).to.be.above(0);
}

const from = (address: string): Record<string, string> => ({ 'X-Forwarded-For': `${address}, 10.0.0.1` });

describe('abuse limits', () => {
  let t: TestServer;
  let owner: Account;
  before(async () => {
    t = await startTestServer({
      env: {
        TRUST_PROXY: '1',
        REGISTER_LIMIT: '3',
        LOGIN_FAILURE_LIMIT: '8',
        ORDER_KEYS_PER_MINUTE: '3',
        STREAMS_PER_INSTANCE: '3',
        METRICS_TOKEN: 'metrics-token-0123456789',
        CORS_ORIGINS: 'https://shop.example',
      },
      policy: { loginFailureBudget: { limit: 20, windowMs: 60_000 } },
    });
    owner = await register(t.client, 'lim_owner', true);
  });
  after(() => t.close());

  const registerFrom = (address: string): Promise<Res> =>
    t.client.post('/v1/auth/register', {
      headers: from(address),
      body: { handle: uniqueHandle('lim_reg'), password: PASSWORD },
    });
  const loginFrom = (address: string, handle: string, password: string): Promise<Res> =>
    t.client.post('/v1/auth/login', { headers: from(address), body: { handle, password } });

  it('limits registrations per client address (the first X-Forwarded-For hop behind TRUST_PROXY)', async () => {
    for (let i = 0; i < 3; i++) expect((await registerFrom('203.0.113.7')).status).to.equal(201);
    expectLimited(await registerFrom('203.0.113.7'));
    expect((await registerFrom('203.0.113.8')).status).to.equal(201);
  });

  it('locks a guesser out of one handle from its address, never the owner from theirs', async () => {
    for (let i = 0; i < 5; i++)
      expectProblem(await loginFrom('198.51.100.1', owner.handle, 'wrong password'), 401, 'unauthenticated');
    expectLimited(await loginFrom('198.51.100.1', owner.handle, owner.password));
    expect((await loginFrom('198.51.100.2', owner.handle, owner.password)).status).to.equal(200);
  });

  it('limits failed logins per address across handles (spraying)', async () => {
    for (let i = 0; i < 8; i++)
      expectProblem(await loginFrom('198.51.100.9', uniqueHandle('spray'), 'wrong password'), 401, 'unauthenticated');
    expectLimited(await loginFrom('198.51.100.9', owner.handle, owner.password));
  });

  it('once the failure budget is spent, holds back addresses that failed, not a clean one', async () => {
    // 5 + 8 failures above; 7 more from several addresses spend the budget of 20.
    for (let i = 0; i < 7; i++) await loginFrom(`192.0.2.${i + 1}`, uniqueHandle('budget'), 'wrong password');
    expectLimited(await loginFrom('192.0.2.1', owner.handle, owner.password));
    expect((await loginFrom('192.0.2.200', owner.handle, owner.password)).status).to.equal(200);
  });

  it('limits order requests per user per drop per minute', async () => {
    const buyer = await register(t.client, 'lim_buy');
    const [a, b] = [await liveDrop(t.client, owner, { stock: 1 }), await liveDrop(t.client, owner, { stock: 1 })];
    const order = (dropId: string): Promise<Res> =>
      t.client.post('/v1/orders', {
        token: buyer.token,
        headers: { 'Idempotency-Key': newKey() },
        body: { dropId, quantity: 1 },
      });
    for (let i = 0; i < 3; i++) expect((await order(a.id)).status).to.be.oneOf([201, 409]);
    expectLimited(await order(a.id));
    expect((await order(b.id)).status).to.equal(201);
  });

  it('limits open streams per instance', async () => {
    const users = await Promise.all([1, 2, 3, 4].map(() => register(t.client, 'lim_sse')));
    const open = await Promise.all(users.slice(0, 3).map((u) => SseClient.open(t.url, { token: u.token })));
    expect(open.map((s) => s.status)).to.deep.equal([200, 200, 200]);
    const refused = await SseClient.open(t.url, { token: users[3]!.token });
    expect(refused.status).to.equal(429);
    expect(Number(refused.headers.get('retry-after'))).to.be.above(0);
    expect(JSON.parse(refused.body).code).to.equal('rate_limited');
    for (const s of open) s.close();
  });

  it('guards /metrics with METRICS_TOKEN', async () => {
    expectProblem(await t.client.get('/metrics'), 401, 'unauthenticated');
    expectProblem(
      await t.client.get('/metrics', { headers: { Authorization: 'Bearer metrics-token-0123456789x' } }),
      401,
      'unauthenticated',
    );
    const ok = await t.client.get('/metrics', { headers: { Authorization: 'Bearer metrics-token-0123456789' } });
    expect(ok.status).to.equal(200);
    expect(ok.text).to.include('livedrops_');
  });

  it('answers CORS for the listed origins only', async () => {
    const allowed = await t.client.get('/v1/drops', { headers: { Origin: 'https://shop.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).to.equal('https://shop.example');
    const other = await t.client.get('/v1/drops', { headers: { Origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).to.equal(null);
    const preflight = await fetch(`${t.url}/v1/orders`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).to.equal(204);
    expect(preflight.headers.get('access-control-allow-headers')).to.include('Idempotency-Key');
  });
});

describe('limits with their defaults', () => {
  let t: TestServer;
  before(async () => (t = await startTestServer({ env: { REQUEST_TIMEOUT_MS: '1000' } })));
  after(() => t.close());

  it('sends no CORS headers and leaves /metrics open when unset', async () => {
    const res = await t.client.get('/v1/drops', { headers: { Origin: 'https://shop.example' } });
    expect(res.headers.get('access-control-allow-origin')).to.equal(null);
    expect((await t.client.get('/metrics')).status).to.equal(200);
  });

  it('drops a client that does not finish its headers, or its body, in time', async () => {
    const { port } = new URL(t.url);
    const lingers = (partial: string): Promise<number> =>
      new Promise((resolve) => {
        const started = Date.now();
        const socket = connect(Number(port), '127.0.0.1', () => socket.write(partial));
        socket.on('error', () => undefined);
        socket.on('close', () => resolve(Date.now() - started));
        socket.resume();
      });
    const [headers, body] = await Promise.all([
      lingers('GET /v1/drops HTTP/1.1\r\nHost: x\r\nX-Slow: '),
      lingers(
        'POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"handle":',
      ),
    ]);
    expect(headers).to.be.within(900, 3_500);
    expect(body).to.be.within(900, 3_500);
  });

  it('refuses malformed limit settings, naming them', () => {
    for (const [name, value] of [
      ['REGISTER_LIMIT', '0'],
      ['STREAMS_PER_USER', 'x'],
      ['CORS_ORIGINS', 'shop.example'],
      ['TRUST_PROXY', 'yes'],
      ['CURSOR_SECRET', 'short'],
      ['METRICS_TOKEN', 'a b'],
    ]) {
      expect(() => loadConfig({ [name!]: value }), name).to.throw(new RegExp(`invalid ${name}`));
    }
    expect(loadConfig({}).limits).to.include({
      registerPerHour: 30,
      loginFailuresPerAddress: 50,
      streamsPerUser: 5,
      streamsPerInstance: 20_000,
      requestTimeoutMs: 10_000,
    });
  });
});
