import { expect } from 'chai';
import { expectInvalid, expectProblem } from './support/client.js';
import { PASSWORD, register, type Account } from './support/fixtures.js';
import { startTestServer, uniqueHandle, type TestServer } from './support/harness.js';

describe('accounts', () => {
  let t: TestServer;
  let alice: Account;
  before(async () => {
    t = await startTestServer();
    alice = await register(t.client, 'alice');
  });
  after(() => t.close());

  it('registers: 201 { user, token } with the user shape and ISO times', async () => {
    const handle = uniqueHandle('reg');
    const res = await t.client.post('/v1/auth/register', {
      body: { handle, password: PASSWORD, displayName: 'Reg', isCreator: true },
    });
    expect(res.status).to.equal(201);
    expect(res.json.token).to.be.a('string').with.length.above(20);
    expect(res.json.user).to.have.all.keys('id', 'handle', 'displayName', 'isCreator', 'createdAt');
    expect(res.json.user).to.include({ handle, displayName: 'Reg', isCreator: true });
    expect(res.json.user.createdAt).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('defaults displayName to the handle and isCreator to false', async () => {
    const res = await t.client.get('/v1/me', { token: alice.token });
    expect(res.status).to.equal(200);
    expect(res.json).to.include({ id: alice.id, handle: alice.handle, displayName: alice.handle, isCreator: false });
  });

  it('409 handle_taken for an existing handle', async () => {
    const res = await t.client.post('/v1/auth/register', { body: { handle: alice.handle, password: PASSWORD } });
    expectProblem(res, 409, 'handle_taken');
  });

  it('400 validation_failed naming each bad field, and unknown fields', async () => {
    const res = await t.client.post('/v1/auth/register', {
      body: { handle: 'A!', password: 'short', isCreator: 'yes', role: 'admin' },
    });
    for (const path of ['handle', 'password', 'isCreator', 'role']) expectInvalid(res, path);
    expect(res.json.errors).to.have.length(4);
  });

  it('logs in: 200 { user, token } with a new working token', async () => {
    const res = await t.client.post('/v1/auth/login', { body: { handle: alice.handle, password: PASSWORD } });
    expect(res.status).to.equal(200);
    expect(res.json.user.id).to.equal(alice.id);
    expect(res.json.token).to.not.equal(alice.token);
    expect((await t.client.get('/v1/me', { token: res.json.token })).status).to.equal(200);
  });

  it('401 on a wrong password or unknown handle, with WWW-Authenticate', async () => {
    for (const body of [
      { handle: alice.handle, password: 'wrong password' },
      { handle: 'nobody_here', password: PASSWORD },
    ]) {
      const res = await t.client.post('/v1/auth/login', { body });
      expectProblem(res, 401, 'unauthenticated');
      expect(res.headers.get('www-authenticate')).to.match(/^Bearer/);
    }
  });

  it('401 unauthenticated for missing, malformed and unknown tokens', async () => {
    const cases: Array<Record<string, string>> = [
      {},
      { Authorization: 'Basic YWxpY2U6cHc=' },
      { Authorization: 'Bearer' },
      { Authorization: 'Bearer has spaces in it' },
      { Authorization: `Bearer ${'x'.repeat(2000)}` },
      { Authorization: 'Bearer ld_unknown_token_value' },
    ];
    for (const headers of cases) {
      const res = await t.client.get('/v1/me', { headers });
      expectProblem(res, 401, 'unauthenticated');
      expect(res.headers.get('www-authenticate')).to.match(/^Bearer/);
    }
  });

  it('logout: 204, then that token is revoked (401) while other sessions live on', async () => {
    const login = await t.client.post('/v1/auth/login', { body: { handle: alice.handle, password: PASSWORD } });
    const token = login.json.token as string;
    const res = await t.client.post('/v1/auth/logout', { token });
    expect(res.status).to.equal(204);
    expect(res.text).to.equal('');
    const after = await t.client.get('/v1/me', { token });
    expectProblem(after, 401, 'unauthenticated');
    expect(after.headers.get('www-authenticate')).to.match(/^Bearer/);
    expect((await t.client.post('/v1/auth/logout', { token })).status).to.equal(401);
    expect((await t.client.get('/v1/me', { token: alice.token })).status).to.equal(200);
  });

  it('429 rate_limited with Retry-After after repeated failures for one handle, even with the right password', async () => {
    const victim = await register(t.client, 'victim');
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await t.client.post('/v1/auth/login', {
        body: { handle: victim.handle, password: `wrong-${i}-password` },
      });
      statuses.push(res.status);
      if (res.status === 429) {
        expectProblem(res, 429, 'rate_limited');
        expect(Number(res.headers.get('retry-after'))).to.be.within(1, 3600);
      }
    }
    expect(statuses[0]).to.equal(401);
    expect(statuses.at(-1)).to.equal(429);
    const right = await t.client.post('/v1/auth/login', { body: { handle: victim.handle, password: PASSWORD } });
    expectProblem(right, 429, 'rate_limited');
    // Another handle is not affected.
    expect(
      (await t.client.post('/v1/auth/login', { body: { handle: alice.handle, password: PASSWORD } })).status,
    ).to.equal(200);
  });
});
