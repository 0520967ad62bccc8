import { expect } from 'chai';
import { expectInvalid, expectProblem } from './support/client.js';
import { PASSWORD } from './support/fixtures.js';
import { startTestServer, type TestServer } from './support/harness.js';

describe('finding creators: GET /v1/creators?handle= and ?q=, GET /v1/creators/@handle', () => {
  let t: TestServer;
  // A tag of this run's own: the production pass shares one database between every spec.
  const tag = `k${Math.random().toString(36).slice(2, 7)}`;
  const made: Record<string, { id: string; handle: string }> = {};
  const register = async (suffix: string, displayName: string, isCreator = true) => {
    const handle = `${tag}_${suffix}`;
    const res = await t.client.post('/v1/auth/register', {
      body: { handle, password: PASSWORD, displayName, isCreator },
    });
    expect(res.status, res.text).to.equal(201);
    made[suffix] = { id: res.json.user.id, handle };
  };
  before(async () => {
    t = await startTestServer();
    await register('ada', `Ada ${tag} Lovelace`);
    await register('adam', `Adam ${tag}`);
    await register('zola', `Émile ${tag} Zola`);
    await register('fan', `${tag} fan`, false);
  });
  after(() => t.close());

  const handles = (body: { data: Array<{ handle: string }> }) => body.data.map((c) => c.handle);

  it('?handle= is exact and case-insensitive, with or without @: a page of zero or one profile', async () => {
    for (const text of [`${tag}_ada`, `@${tag}_ADA`]) {
      const res = await t.client.get(`/v1/creators?handle=${encodeURIComponent(text)}`);
      expect(res.status, res.text).to.equal(200);
      expect(res.json).to.deep.equal({
        data: [
          {
            id: made.ada!.id,
            handle: `${tag}_ada`,
            displayName: `Ada ${tag} Lovelace`,
            followerCount: 0,
            createdAt: res.json.data[0].createdAt,
          },
        ],
        nextCursor: null,
      });
    }
    for (const text of [`${tag}_ad`, `${tag}_fan`, `${tag}_nobody`]) {
      expect((await t.client.get(`/v1/creators?handle=${text}`)).json, text).to.deep.equal({
        data: [],
        nextCursor: null,
      });
    }
  });

  it('?q= finds by handle or display-name prefix, accents and case folded, by handle, over pages', async () => {
    const walk = async (q: string): Promise<string[]> => {
      const out: string[] = [];
      let after = '';
      do {
        const res = await t.client.get(`/v1/creators?q=${encodeURIComponent(q)}&limit=1${after && `&after=${after}`}`);
        expect(res.status, res.text).to.equal(200);
        out.push(...handles(res.json));
        after = res.json.nextCursor ?? '';
      } while (after);
      return out;
    };
    expect(await walk(`${tag}_ad`)).to.deep.equal([`${tag}_ada`, `${tag}_adam`]);
    expect(await walk(`@${tag.toUpperCase()}_Z`)).to.deep.equal([`${tag}_zola`]);
    expect(await walk(`emile ${tag}`)).to.deep.equal([`${tag}_zola`]);
    expect(await walk(`ÉMILE   ${tag} zo`)).to.deep.equal([`${tag}_zola`]);
    expect(await walk(`ada ${tag}`)).to.deep.equal([`${tag}_ada`]);
    expect(await walk(tag)).to.deep.equal([`${tag}_ada`, `${tag}_adam`, `${tag}_zola`]); // never the fan
  });

  it('GET /v1/creators/@handle is the profile; a fan or an unknown handle is 404', async () => {
    const res = await t.client.get(`/v1/creators/@${tag}_Adam`);
    expect(res.status, res.text).to.equal(200);
    expect(res.json).to.include({ id: made.adam!.id, handle: `${tag}_adam` });
    expect((await t.client.get(`/v1/creators/${made.adam!.id}`)).json).to.deep.equal(res.json);
    expectProblem(await t.client.get(`/v1/creators/@${tag}_fan`), 404, 'not_found');
    expectProblem(await t.client.get(`/v1/creators/@${tag}_none`), 404, 'not_found');
    expectInvalid(await t.client.get('/v1/creators/@ada!'), 'id');
  });

  it('400 naming the parameter: both handle and q, an impossible handle, an empty or long q, a bad cursor', async () => {
    expectInvalid(await t.client.get('/v1/creators?handle=ada&q=ada'), 'q');
    expectInvalid(await t.client.get('/v1/creators?handle=a'), 'handle');
    expectInvalid(await t.client.get('/v1/creators?handle=ada%20lovelace'), 'handle');
    expectInvalid(await t.client.get('/v1/creators?q=%20%20'), 'q');
    expectInvalid(await t.client.get(`/v1/creators?q=${'x'.repeat(101)}`), 'q');
    expectInvalid(await t.client.get('/v1/creators?q=ada&after=nope'), 'after');
    expectInvalid(await t.client.get('/v1/creators?name=ada'), 'name');
  });
});
