import { expect } from 'chai';
import { register, type Account } from './support/fixtures.js';
import { startTestServer, type TestServer } from './support/harness.js';

describe('security headers', () => {
  let t: TestServer;
  let fan: Account;
  before(async () => {
    t = await startTestServer();
    fan = await register(t.client, 'sechdr');
  });
  after(() => t.close());

  it('sends nosniff and no-referrer on every response, and never X-Powered-By', async () => {
    for (const res of [
      await t.client.get('/v1/drops'),
      await t.client.get('/nope'),
      await t.client.get('/v1/me'),
      await t.client.get('/openapi.json'),
    ]) {
      expect(res.headers.get('x-content-type-options')).to.equal('nosniff');
      expect(res.headers.get('referrer-policy')).to.equal('no-referrer');
      expect(res.headers.get('x-powered-by')).to.equal(null);
    }
  });

  it('marks token responses and authenticated responses no-store', async () => {
    const login = await t.client.post('/v1/auth/login', { body: { handle: fan.handle, password: fan.password } });
    expect(login.headers.get('cache-control')).to.equal('no-store');
    const reg = await t.client.post('/v1/auth/register', {
      body: { handle: `sechdr_${Date.now() % 1e6}`, password: fan.password },
    });
    expect(reg.headers.get('cache-control')).to.equal('no-store');
    for (const path of ['/v1/me', '/v1/me/orders', '/v1/me/notifications', '/v1/me/following']) {
      const res = await t.client.get(path, { token: fan.token });
      expect(res.status, path).to.equal(200);
      expect(res.headers.get('cache-control'), path).to.equal('no-store');
    }
    const refused = await t.client.get('/v1/me', { token: 'ld_not_a_real_token' });
    expect(refused.headers.get('cache-control')).to.equal('no-store');
  });
});
