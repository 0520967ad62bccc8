import { connect } from 'node:net';
import { expect } from 'chai';
import { expectInvalid, expectProblem } from './support/client.js';
import { createDrop, createProduct, register, type Account } from './support/fixtures.js';
import { sleep, startTestServer, type TestServer } from './support/harness.js';
import { SseClient } from './support/sse-client.js';

describe('protocol hygiene', () => {
  let t: TestServer;
  let creator: Account;
  let fan: Account;
  before(async () => {
    t = await startTestServer();
    [creator, fan] = await Promise.all([register(t.client, 'hyg_c', true), register(t.client, 'hyg_f')]);
  });
  after(() => t.close());

  it("answers HEAD on the stream at once, without taking one of the user's stream slots", async () => {
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`${t.url}/v1/me/notifications/stream`, {
        method: 'HEAD',
        headers: { Authorization: `Bearer ${fan.token}` },
        signal: AbortSignal.timeout(2_000),
      });
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.match(/^text\/event-stream/);
    }
    const anonymous = await fetch(`${t.url}/v1/me/notifications/stream`, { method: 'HEAD' });
    expect(anonymous.status).to.equal(401);
    const streams = await Promise.all([1, 2, 3, 4, 5].map(() => SseClient.open(t.url, { token: fan.token })));
    expect(streams.map((s) => s.status)).to.deep.equal([200, 200, 200, 200, 200]);
    for (const s of streams) s.close();
  });

  it('counts a client that aborts mid-body as its own failure, never a 500', async () => {
    const { port } = new URL(t.url);
    for (let i = 0; i < 3; i++) {
      await new Promise<void>((resolve) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.write(
            `POST /v1/products HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${creator.token}\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"title":`,
          );
          setTimeout(() => socket.destroy(), 50);
        });
        socket.on('close', () => resolve());
        socket.on('error', () => undefined);
      });
    }
    await sleep(200);
    const metrics = (await t.client.get('/metrics')).text;
    expect(metrics).not.to.match(/livedrops_http_requests_total\{[^}]*status="500"/);
    expect(t.logs.filter((l) => l['msg'] === 'unhandled error')).to.deep.equal([]);
  });

  it('refuses unknown query parameters on every operation, not only lists', async () => {
    expectInvalid(await t.client.get('/v1/me?debug=1', { token: fan.token }), 'debug');
    expectInvalid(await t.client.get(`/v1/creators/${creator.id}?x=1`), 'x');
    expectInvalid(
      await t.client.post('/v1/auth/login?next=/', { body: { handle: fan.handle, password: fan.password } }),
      'next',
    );
    expect((await t.client.get('/v1/me', { token: fan.token })).status).to.equal(200);
  });

  it('answers 404 to a non-creator listing their own followers, as to anyone else', async () => {
    expectProblem(await t.client.get(`/v1/creators/${fan.id}/followers`, { token: fan.token }), 404, 'not_found');
  });

  it('refuses to cancel a drop that has ended', async () => {
    const product = await createProduct(t.client, creator);
    const drop = await createDrop(t.client, creator, product.id, { startsIn: -2_000, endsIn: 300 });
    await sleep(400);
    const res = await t.client.post(`/v1/drops/${drop.id}/cancel`, { token: creator.token });
    expectProblem(res, 409, 'drop_not_live');
    expect((await t.client.get(`/v1/drops/${drop.id}`)).json.status).to.equal('ended');
  });

  it('matches paths case-sensitively', async () => {
    expectProblem(await t.client.get('/V1/DROPS'), 404, 'not_found');
    expectProblem(await t.client.get('/v1/Drops'), 404, 'not_found');
  });

  it('refuses a transfer coding other than plain chunked', async () => {
    const { port } = new URL(t.url);
    const reply = await new Promise<string>((resolve) => {
      let got = '';
      const body = '{"title":"x","priceCents":100}';
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.end(
          `POST /v1/products HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${creator.token}\r\nContent-Type: application/json\r\n` +
            `Transfer-Encoding: gzip, chunked\r\nConnection: close\r\n\r\n${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`,
        );
      });
      socket.setEncoding('utf8');
      socket.on('data', (d: string) => (got += d));
      socket.on('close', () => resolve(got));
    });
    expect(reply.split('\r\n')[0]).to.match(/^HTTP\/1\.1 4\d\d /);
    expect(reply).to.match(/application\/problem\+json/);
    expect(
      (await t.client.get(`/v1/products?creatorId=${creator.id}`)).json.data.map((p: { title: string }) => p.title),
    ).not.to.include('x');
  });

  it('describes what it answers: 431 and 500 on every operation, title minLength, the document as an object', async () => {
    const doc = (await t.client.get('/openapi.json')).json;
    for (const [path, ops] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(ops)) {
        expect(op.responses, `${method} ${path}`).to.include.keys('431', '500');
      }
    }
    const create = doc.paths['/v1/products'].post.requestBody.content['application/json'].schema;
    const schema = create.$ref ? doc.components.schemas[create.$ref.split('/').pop()] : create;
    expect(schema.properties.title.minLength).to.equal(1);
    const self = doc.paths['/openapi.json'].get.responses['200'].content['application/json'].schema;
    expect(self.type).to.equal('object');
  });
});
