import { expect } from 'chai';
import { expectInvalid } from './support/client.js';
import { createDrop, createProduct, register, walk, type Account } from './support/fixtures.js';
import { startTestServer, type TestServer } from './support/harness.js';

// The production pass shares one database between spec files: each test searches for a word of its own.
let words = 0;
const word = (): string => `zq${Date.now().toString(36)}${++words}x`;

describe('search', () => {
  let t: TestServer;
  let creator: Account;
  before(async () => {
    t = await startTestServer();
    creator = await register(t.client, 'searcher', true);
  });
  after(() => t.close());

  const ids = async (q: string, type = 'products'): Promise<string[]> => {
    const res = await t.client.get(`/v1/search?q=${encodeURIComponent(q)}&type=${type}`);
    expect(res.status, res.text).to.equal(200);
    return res.json.data.map((x: { id: string }) => x.id);
  };

  it('folds accents and case, and takes the last word as a prefix', async () => {
    const w = word();
    const p = await createProduct(t.client, creator, {
      title: `Crème brûlée ${w} mug`,
      description: 'Stoneware, fired twice',
    });
    for (const q of [`creme brulee ${w}`, `CRÈME ${w}`, `${w} brûl`, `${w} stonew`, `${w.slice(0, -2)}`])
      expect(await ids(q), q).to.deep.equal([p.id]);
    for (const q of [`brul ${w}`, `${w} teapot`]) expect(await ids(q), q).to.deep.equal([]);
  });

  it('ranks title matches before description matches, then newest; products have the contract shape', async () => {
    const w = word();
    const inDescription = await createProduct(t.client, creator, { title: 'Cap', description: `matches ${w}` });
    const older = await createProduct(t.client, creator, { title: `${w} poster` });
    const newer = await createProduct(t.client, creator, { title: `${w} print` });
    expect(await ids(w)).to.deep.equal([newer.id, older.id, inDescription.id]);
    const res = await t.client.get(`/v1/search?q=${w}&limit=1`);
    expect(res.json.data[0]).to.deep.equal((await t.client.get(`/v1/products/${newer.id}`)).json);
    expect(res.json.nextCursor).to.be.a('string');
  });

  it('pages each match exactly once while new products arrive, and finds edits at once', async () => {
    const w = word();
    const made: string[] = [];
    for (let i = 0; i < 9; i++)
      made.push((await createProduct(t.client, creator, { title: `${i % 2 ? w : 'Tee'} ${i}`, description: w })).id);
    let extra = 0;
    const seen = await walk(t.client, `/v1/search?q=${w}`, {
      limit: 2,
      between: async () => void (await createProduct(t.client, creator, { title: `${w} late ${++extra}` })),
    });
    const seenIds = seen.map((x) => x.id as string);
    expect(new Set(seenIds).size).to.equal(seenIds.length);
    expect(seenIds).to.include.members(made);
    await t.client.patch(`/v1/products/${made[0]}`, { token: creator.token, body: { title: `renamed ${w}x` } });
    expect(await ids(`${w}x`)).to.deep.equal([made[0]]);
  });

  it('type=drops finds drops by their product, as drop documents', async () => {
    const w = word();
    const p = await createProduct(t.client, creator, { title: `${w} lamp` });
    const d = await createDrop(t.client, creator, p.id);
    const res = await t.client.get(`/v1/search?q=${w}&type=drops`);
    expect(res.json.data).to.have.length(1);
    expect(res.json.data[0]).to.deep.equal(d);
    expect(await ids(`${w} lamp`, 'products')).to.deep.equal([p.id]);
  });

  it('400 naming q or type for a bad query; punctuation alone finds nothing', async () => {
    expectInvalid(await t.client.get('/v1/search'), 'q');
    expectInvalid(await t.client.get('/v1/search?q='), 'q');
    expectInvalid(await t.client.get('/v1/search?q=%20%20'), 'q');
    expectInvalid(await t.client.get(`/v1/search?q=${'a'.repeat(201)}`), 'q');
    expectInvalid(await t.client.get('/v1/search?q=a&type=users'), 'type');
    expectInvalid(await t.client.get('/v1/search?q=a&after=nope'), 'after');
    expect(await ids('"*" () --')).to.deep.equal([]);
    expect((await t.client.get(`/v1/search?q=${'a'.repeat(200)}`)).status).to.equal(200);
  });
});
