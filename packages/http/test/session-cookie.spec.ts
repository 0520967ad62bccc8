import { expect } from 'chai';
import { expectProblem, type Res } from './support/client.js';
import { PASSWORD, liveDrop, newKey, register, type Account } from './support/fixtures.js';
import { startTestServer, uniqueHandle, type TestServer } from './support/harness.js';
import { cookiesOf } from './support/cookies.js';

describe('web sessions: the token in an HttpOnly cookie, CSRF on every change', () => {
  let t: TestServer;
  let creator: Account;
  before(async () => {
    t = await startTestServer({ env: { TRUST_PROXY: '1' } });
    creator = await register(t.client, 'cookiestar', true);
  });
  after(() => t.close());

  /** Signs in for cookies; returns what a browser would then send. */
  async function cookieLogin(handle: string): Promise<{ cookie: string; csrf: string; res: Res }> {
    const res = await t.client.post('/v1/auth/login', { body: { handle, password: PASSWORD, session: 'cookie' } });
    expect(res.status, res.text).to.equal(200);
    const jar = cookiesOf(res);
    return {
      cookie: `ld_session=${jar.get('ld_session')!.value}; ld_csrf=${jar.get('ld_csrf')!.value}`,
      csrf: res.json.csrfToken,
      res,
    };
  }

  it('login with session=cookie: the token only in an HttpOnly SameSite=Strict cookie, CSRF token apart', async () => {
    const fan = await register(t.client, 'cookiefan');
    const { res, csrf, cookie } = await cookieLogin(fan.handle);
    expect(res.json).to.have.all.keys('user', 'csrfToken');
    const jar = cookiesOf(res);
    const session = jar.get('ld_session')!;
    expect(session.value).to.match(/^[A-Za-z0-9\-._~+/]+=*$/);
    expect(session.attrs).to.include.members(['httponly', 'samesite=strict', 'path=/']);
    expect(session.attrs.some((a) => a.startsWith('max-age=') || a.startsWith('expires='))).to.equal(true);
    expect(session.attrs).to.not.include('secure'); // plain HTTP: a Secure cookie would never come back
    expect(jar.get('ld_csrf')).to.deep.include({ value: csrf });
    expect(jar.get('ld_csrf')!.attrs).to.include('samesite=strict').and.not.include('httponly');
    const me = await t.client.get('/v1/me', { headers: { Cookie: cookie } });
    expect(me.status, me.text).to.equal(200);
    expect(me.json.handle).to.equal(fan.handle);
    expect(me.headers.get('cache-control')).to.equal('no-store');
  });

  it('refuses a cookie change without its CSRF token, with a wrong one, or from elsewhere; no change', async () => {
    const fan = await register(t.client, 'cookiefan');
    const { cookie, csrf } = await cookieLogin(fan.handle);
    const follow = (headers: Record<string, string>) =>
      t.client.put(`/v1/me/following/${creator.id}`, { headers: { Cookie: cookie, ...headers } });
    expectProblem(await follow({}), 403, 'csrf_failed');
    expectProblem(await follow({ 'X-CSRF-Token': `${csrf.slice(0, -2)}xx` }), 403, 'csrf_failed');
    expectProblem(await follow({ 'X-CSRF-Token': csrf, 'Sec-Fetch-Site': 'cross-site' }), 403, 'csrf_failed');
    expectProblem(await follow({ 'X-CSRF-Token': csrf, 'Sec-Fetch-Site': 'same-site' }), 403, 'csrf_failed');
    expectProblem(await follow({ 'X-CSRF-Token': csrf, Origin: 'http://evil.example' }), 403, 'csrf_failed');
    // Another session's CSRF token is no good either: it is bound to the session it came with.
    expectProblem(await follow({ 'X-CSRF-Token': (await cookieLogin(fan.handle)).csrf }), 403, 'csrf_failed');
    const check = await t.client.get(`/v1/me/following/${creator.id}`, { token: fan.token });
    expect(check.json.following).to.equal(false);
    const ok = await follow({ 'X-CSRF-Token': csrf, 'Sec-Fetch-Site': 'same-origin', Origin: t.url });
    expect(ok.status, ok.text).to.equal(201);
  });

  it('orders, tickets and logout work on the cookie; logout clears it and the old cookie is refused', async () => {
    const fan = await register(t.client, 'cookiefan');
    const { cookie, csrf } = await cookieLogin(fan.handle);
    const headers = { Cookie: cookie, 'X-CSRF-Token': csrf };
    const drop = await liveDrop(t.client, creator, { stock: 5 });
    const key = newKey();
    const first = await t.client.post('/v1/orders', {
      headers: { ...headers, 'Idempotency-Key': key },
      body: { dropId: drop.id, quantity: 1 },
    });
    expect(first.status, first.text).to.equal(201);
    const again = await t.client.post('/v1/orders', {
      headers: { ...headers, 'Idempotency-Key': key },
      body: { dropId: drop.id, quantity: 1 },
    });
    expect(again.headers.get('idempotent-replayed')).to.equal('true');
    expect(again.json.id).to.equal(first.json.id);
    const ticket = await t.client.post('/v1/me/notifications/ticket', { headers });
    expect(ticket.status, ticket.text).to.equal(201);
    const stream = await fetch(`${t.url}/v1/me/notifications/stream?ticket=${encodeURIComponent(ticket.json.ticket)}`);
    expect(stream.status).to.equal(200);
    await stream.body?.cancel();

    expectProblem(await t.client.post('/v1/auth/logout', { headers: { Cookie: cookie } }), 403, 'csrf_failed');
    const out = await t.client.post('/v1/auth/logout', { headers });
    expect(out.status).to.equal(204);
    const cleared = cookiesOf(out);
    for (const name of ['ld_session', 'ld_csrf']) {
      expect(cleared.get(name)!.value, name).to.equal('');
      expect(
        cleared.get(name)!.attrs.some((a) => a === 'max-age=0' || a.startsWith('expires=thu, 01 jan 1970')),
      ).to.equal(true);
    }
    const stale = await t.client.get('/v1/me', { headers: { Cookie: cookie } });
    expectProblem(stale, 401, 'unauthenticated');
    expect(cookiesOf(stale).get('ld_session')?.value).to.equal(''); // the browser drops the dead cookie
  });

  it('register with session=cookie signs in too; from another site it is refused, no account made', async () => {
    const handle = uniqueHandle('cookienew');
    const body = { handle, password: PASSWORD, session: 'cookie' };
    expectProblem(
      await t.client.post('/v1/auth/register', { body, headers: { 'Sec-Fetch-Site': 'cross-site' } }),
      403,
      'csrf_failed',
    );
    expectProblem(
      await t.client.post('/v1/auth/login', { body: { handle, password: PASSWORD } }),
      401,
      'unauthenticated',
    );
    const res = await t.client.post('/v1/auth/register', { body, headers: { 'Sec-Fetch-Site': 'same-origin' } });
    expect(res.status, res.text).to.equal(201);
    expect(res.json).to.have.all.keys('user', 'csrfToken');
    expect(cookiesOf(res).get('ld_session')!.attrs).to.include('httponly');
  });

  it('over HTTPS (behind a trusted proxy) the cookies are Secure and __Host- prefixed', async () => {
    const fan = await register(t.client, 'cookiefan');
    const res = await t.client.post('/v1/auth/login', {
      body: { handle: fan.handle, password: PASSWORD, session: 'cookie' },
      headers: { 'X-Forwarded-Proto': 'https' },
    });
    const jar = cookiesOf(res);
    expect([...jar.keys()]).to.have.members(['__Host-ld_session', '__Host-ld_csrf']);
    for (const c of jar.values()) expect(c.attrs).to.include.members(['secure', 'path=/', 'samesite=strict']);
    const cookie = `__Host-ld_session=${jar.get('__Host-ld_session')!.value}`;
    const me = await t.client.get('/v1/me', { headers: { Cookie: cookie, 'X-Forwarded-Proto': 'https' } });
    expect(me.status, me.text).to.equal(200);
    // The plain-HTTP name is not read over HTTPS, nor the prefixed one over HTTP.
    expectProblem(await t.client.get('/v1/me', { headers: { Cookie: cookie } }), 401, 'unauthenticated');
  });

  it('a bearer token still needs no CSRF token, even with a session cookie beside it', async () => {
    const fan = await register(t.client, 'cookiefan');
    const { cookie } = await cookieLogin(fan.handle);
    const res = await t.client.put(`/v1/me/following/${creator.id}`, { token: fan.token, headers: { Cookie: cookie } });
    expect(res.status, res.text).to.equal(201);
    expectProblem(
      await t.client.post('/v1/auth/login', { body: { handle: fan.handle, password: PASSWORD, session: 'jar' } }),
      400,
      'validation_failed',
    );
  });
});
