import { expect } from 'chai';
import { expectInvalid, expectProblem } from './support/client.js';
import { register, registerMany, walk, type Account } from './support/fixtures.js';
import { startTestServer, type TestServer } from './support/harness.js';

describe('creators and follows', () => {
  let t: TestServer;
  let creator: Account;
  let fans: Account[];
  let plain: Account;
  before(async () => {
    t = await startTestServer();
    [creator, plain, ...fans] = [
      await register(t.client, 'star', true),
      ...(await registerMany(t.client, 'fan', 13)),
    ] as [Account, Account, ...Account[]];
  });
  after(() => t.close());

  const profile = async (id: string): Promise<number> => {
    const res = await t.client.get(`/v1/creators/${id}`);
    expect(res.status, res.text).to.equal(200);
    return res.json.followerCount as number;
  };

  it("GET /v1/creators/{id}: a creator's public profile, without a token", async () => {
    const res = await t.client.get(`/v1/creators/${creator.id}`);
    expect(res.status).to.equal(200);
    expect(res.json).to.have.all.keys('id', 'handle', 'displayName', 'followerCount', 'createdAt');
    expect(res.json).to.include({ id: creator.id, handle: creator.handle, followerCount: 0 });
  });

  it('404 for a user who is not a creator, and for an unknown id', async () => {
    expectProblem(await t.client.get(`/v1/creators/${plain.id}`), 404, 'not_found');
    expectProblem(await t.client.get('/v1/creators/0190aaaa-0000-7000-8000-000000000000'), 404, 'not_found');
  });

  it('PUT follow: 201 the first time, 200 after, same followedAt; the count is exact', async () => {
    const fan = fans[0]!;
    const first = await t.client.put(`/v1/me/following/${creator.id}`, { token: fan.token });
    expect(first.status).to.equal(201);
    expect(first.json).to.have.all.keys('creatorId', 'followedAt');
    expect(first.json.creatorId).to.equal(creator.id);
    const again = await t.client.put(`/v1/me/following/${creator.id}`, { token: fan.token });
    expect(again.status).to.equal(200);
    expect(again.json).to.deep.equal(first.json);
    expect(await profile(creator.id)).to.equal(1);
  });

  it('GET check: { following, followedAt }; DELETE → 204, also when not following', async () => {
    const fan = fans[1]!;
    let check = await t.client.get(`/v1/me/following/${creator.id}`, { token: fan.token });
    expect(check.json).to.deep.equal({ following: false, followedAt: null });
    const put = await t.client.put(`/v1/me/following/${creator.id}`, { token: fan.token });
    check = await t.client.get(`/v1/me/following/${creator.id}`, { token: fan.token });
    expect(check.json).to.deep.equal({ following: true, followedAt: put.json.followedAt });
    expect((await t.client.del(`/v1/me/following/${creator.id}`, { token: fan.token })).status).to.equal(204);
    expect((await t.client.del(`/v1/me/following/${creator.id}`, { token: fan.token })).status).to.equal(204);
    check = await t.client.get(`/v1/me/following/${creator.id}`, { token: fan.token });
    expect(check.json.following).to.equal(false);
    expect(await profile(creator.id)).to.equal(1);
  });

  it('following a non-creator → 404, oneself → 400, and both need a token', async () => {
    expectProblem(await t.client.put(`/v1/me/following/${plain.id}`, { token: fans[2]!.token }), 404, 'not_found');
    expectInvalid(await t.client.put(`/v1/me/following/${creator.id}`, { token: creator.token }), 'creatorId');
    expectProblem(await t.client.put(`/v1/me/following/${creator.id}`), 401, 'unauthenticated');
    expect(await profile(creator.id)).to.equal(1);
  });

  it('followers: only the creator may list them (403 for anyone else, 404 for a non-creator)', async () => {
    expectProblem(
      await t.client.get(`/v1/creators/${creator.id}/followers`, { token: fans[0]!.token }),
      403,
      'forbidden',
    );
    expectProblem(
      await t.client.get(`/v1/creators/${plain.id}/followers`, { token: fans[0]!.token }),
      404,
      'not_found',
    );
    expectProblem(await t.client.get(`/v1/creators/${creator.id}/followers`), 401, 'unauthenticated');
    const res = await t.client.get(`/v1/creators/${creator.id}/followers`, { token: creator.token });
    expect(res.status).to.equal(200);
    expect(res.json.data[0]).to.have.all.keys('user', 'followedAt');
    expect(res.json.data[0].user).to.have.all.keys('id', 'handle', 'displayName');
  });

  it('walks followers newest first, each exactly once, while others follow mid-walk', async () => {
    const star = await register(t.client, 'star2', true);
    const early = fans.slice(0, 8);
    for (const f of early)
      expect((await t.client.put(`/v1/me/following/${star.id}`, { token: f.token })).status).to.equal(201);
    const late = fans.slice(8);
    const seen = await walk(t.client, `/v1/creators/${star.id}/followers`, {
      token: star.token,
      limit: 3,
      between: async (page) => {
        const f = late[page];
        if (f) await t.client.put(`/v1/me/following/${star.id}`, { token: f.token });
      },
    });
    const ids = seen.map((e) => (e['user'] as { id: string }).id);
    expect(new Set(ids).size, 'no duplicates').to.equal(ids.length);
    for (const f of early) expect(ids.filter((id) => id === f.id)).to.have.length(1);
    const times = seen.map((e) => Date.parse(e['followedAt'] as string));
    expect(times).to.deep.equal([...times].sort((a, b) => b - a));
  });

  it('walks following newest first, each exactly once, while the user follows more mid-walk', async () => {
    const stars = [];
    for (let i = 0; i < 9; i++) stars.push(await register(t.client, `c${i}`, true));
    const fan = fans[11]!;
    for (const s of stars.slice(0, 6)) await t.client.put(`/v1/me/following/${s.id}`, { token: fan.token });
    const extra = stars.slice(6);
    const seen = await walk(t.client, '/v1/me/following', {
      token: fan.token,
      limit: 2,
      between: async (page) => {
        const s = extra[page];
        if (s) await t.client.put(`/v1/me/following/${s.id}`, { token: fan.token });
      },
    });
    const ids = seen.map((e) => (e['creator'] as { id: string }).id);
    expect(new Set(ids).size).to.equal(ids.length);
    for (const s of stars.slice(0, 6)) expect(ids).to.include(s.id);
  });

  it('a storm of hundreds of concurrent follows and unfollows leaves followerCount exact', async function () {
    this.timeout(30_000);
    const star = await register(t.client, 'storm', true);
    const ops = Array.from({ length: 400 }, (_, i) => {
      const fan = fans[i % fans.length]!;
      const follow = Math.random() < 0.55;
      return follow
        ? t.client.put(`/v1/me/following/${star.id}`, { token: fan.token })
        : t.client.del(`/v1/me/following/${star.id}`, { token: fan.token });
    });
    const results = await Promise.all(ops);
    for (const r of results) expect([200, 201, 204], r.text).to.include(r.status);
    let following = 0;
    for (const fan of fans) {
      const check = await t.client.get(`/v1/me/following/${star.id}`, { token: fan.token });
      if (check.json.following) following++;
    }
    expect(await profile(star.id)).to.equal(following);
    const listed = await walk(t.client, `/v1/creators/${star.id}/followers`, { token: star.token, limit: 100 });
    expect(listed).to.have.length(following);
  });
});
