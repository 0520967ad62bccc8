import { expect } from 'chai';
import { expectInvalid, expectProblem } from './support/client.js';
import { PASSWORD, register, type Account } from './support/fixtures.js';
import { startTestServer, type TestServer } from './support/harness.js';

describe('HTTP conventions', () => {
  let t: TestServer;
  let creator: Account;
  before(async () => {
    t = await startTestServer();
    creator = await register(t.client, 'conv', true);
  });
  after(() => t.close());

  it('unknown path → 404 not_found problem with instance = path', async () => {
    const res = await t.client.get('/v2/nothing/here');
    expect(expectProblem(res, 404, 'not_found').instance).to.equal('/v2/nothing/here');
  });

  it('known path, wrong method → 405 method_not_allowed with Allow; OPTIONS lists the methods', async () => {
    const res = await t.client.del('/v1/products');
    expectProblem(res, 405, 'method_not_allowed');
    const allow = (res.headers.get('allow') ?? '').split(/,\s*/);
    expect(allow).to.include.members(['GET', 'POST']);
    expect(allow).to.not.include('DELETE');
    const put = await t.client.put('/v1/drops/0190aaaa-0000-7000-8000-000000000000');
    expect(put.headers.get('allow')).to.match(/GET/);
    expectProblem(put, 405, 'method_not_allowed');
    const options = await t.client.call('OPTIONS', '/v1/me/following/abc');
    expect(options.status).to.equal(204);
    expect(options.headers.get('allow')).to.include('PUT').and.include('DELETE');
  });

  it('malformed JSON → 400 validation_failed naming body', async () => {
    for (const raw of ['{"title":', '{title: "x"}', 'NaN', "{'a':1}", '{"a":1}}', '\u0000']) {
      expectInvalid(await t.client.post('/v1/products', { token: creator.token, raw }), 'body');
    }
    expectInvalid(
      await t.client.post('/v1/products', { token: creator.token, raw: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }),
      'body',
    );
  });

  it('a body that is not a JSON object → 400 naming body', async () => {
    for (const body of [[], [{ title: 't', priceCents: 1 }], 'str', 42, null, true]) {
      expectInvalid(await t.client.post('/v1/products', { token: creator.token, body }), 'body');
    }
    expectInvalid(await t.client.post('/v1/products', { token: creator.token }), 'body');
  });

  it('a non-JSON body → 415 unsupported_media_type', async () => {
    const body = JSON.stringify({ title: 'x', priceCents: 100 });
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=latin1',
    ]) {
      const res = await t.client.post('/v1/products', {
        token: creator.token,
        raw: body,
        headers: { 'Content-Type': type },
      });
      expectProblem(res, 415, 'unsupported_media_type');
    }
    const gz = await t.client.post('/v1/products', {
      token: creator.token,
      raw: body,
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
    });
    expectProblem(gz, 415, 'unsupported_media_type');
    const ok = await t.client.post('/v1/products', {
      token: creator.token,
      raw: body,
      headers: { 'Content-Type': 'application/json; charset=UTF-8' },
    });
    expect(ok.status).to.equal(201);
  });

  it('a body over 64 KiB → 413 payload_too_large, declared or chunked; exactly 64 KiB is read', async () => {
    const sized = (n: number): string => {
      const shell = JSON.stringify({ title: '', priceCents: 1 });
      return shell.replace('""', `"${'x'.repeat(n - shell.length)}"`);
    };
    expect(sized(65_536)).to.have.length(65_536);
    expectInvalid(await t.client.post('/v1/products', { token: creator.token, raw: sized(65_536) }), 'title');
    expectProblem(
      await t.client.post('/v1/products', { token: creator.token, raw: sized(65_537) }),
      413,
      'payload_too_large',
    );
    expectProblem(
      await t.client.post('/v1/products', { token: creator.token, raw: sized(5_000_000) }),
      413,
      'payload_too_large',
    );
    const chunk = new TextEncoder().encode('x'.repeat(16_384));
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 8; i++) c.enqueue(chunk);
        c.close();
      },
    });
    const res = await fetch(`${t.url}/v1/products`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${creator.token}` },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).to.equal(413);
    expect(((await res.json()) as { code: string }).code).to.equal('payload_too_large');
  });

  it('X-Request-Id: a sane one is echoed, an insane one replaced, a missing one generated — errors included', async () => {
    const echoed = await t.client.get('/livez', { headers: { 'X-Request-Id': 'abc-123.def:ghi_4' } });
    expect(echoed.headers.get('x-request-id')).to.equal('abc-123.def:ghi_4');
    const onError = await t.client.get('/nope', { headers: { 'X-Request-Id': 'trace-404' } });
    expect(onError.headers.get('x-request-id')).to.equal('trace-404');
    for (const bad of ['x'.repeat(200), 'has space', '<script>', 'a;b']) {
      const res = await t.client.get('/livez', { headers: { 'X-Request-Id': bad } });
      expect(res.headers.get('x-request-id')).to.not.equal(bad);
      expect(res.headers.get('x-request-id')).to.match(/^[0-9a-f-]{36}$/);
    }
    const a = (await t.client.get('/livez')).headers.get('x-request-id');
    const b = (await t.client.get('/livez')).headers.get('x-request-id');
    expect(a).to.not.equal(b);
  });

  it('logs one JSON line per request with method, route template, status, duration and request id', async () => {
    await t.client.get('/v1/drops/0190aaaa-0000-7000-8000-000000000000', {
      headers: { 'X-Request-Id': 'log-probe-1' },
    });
    const lines = t.logs.filter((l) => l['reqId'] === 'log-probe-1');
    expect(lines).to.have.length(1);
    expect(lines[0]).to.include({ msg: 'request', method: 'GET', route: '/v1/drops/{id}', status: 404 });
    expect(lines[0]!['durationMs']).to.be.a('number');
  });

  it('never logs tokens, passwords, Authorization headers or ?ticket=', async () => {
    const login = await t.client.post('/v1/auth/login', { body: { handle: creator.handle, password: PASSWORD } });
    await t.client.get('/v1/me?ticket=tkt_supersecret_123', { token: login.json.token });
    await t.client.get('/v1/me', { headers: { Authorization: 'Bearer not-a-real-token-xyz' } });
    const text = t.rawLogs.join('');
    for (const secret of [
      PASSWORD,
      login.json.token,
      creator.token,
      'tkt_supersecret_123',
      'not-a-real-token-xyz',
      'Bearer',
    ]) {
      expect(text).to.not.include(secret);
    }
  });
});
