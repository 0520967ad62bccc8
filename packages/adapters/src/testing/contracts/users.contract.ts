import { HandleTakenError, searchPrefix, type CreatorProfile, type Cursor, type User } from '@livedrops/core';
import { expect } from 'chai';
import { group, useHarness, type ContractOptions, type Harness } from '../harness.js';
import { fixtures, nextId } from './fixtures.js';

const userNamed = (handle: string, isCreator = false): User => ({
  id: nextId('u'),
  handle,
  displayName: `The ${handle}`,
  isCreator,
  createdAt: 1_700_000_000_123,
});

async function searchAll(h: Harness, q: string, limit = 2): Promise<string[]> {
  const handles: string[] = [];
  let after: Cursor | undefined;
  do {
    const page = await h.ports.users.searchCreators(searchPrefix(q), { limit, after });
    handles.push(...page.items.map((c: CreatorProfile) => c.handle));
    after = page.next ?? undefined;
  } while (after);
  return handles;
}

/** UserRepository: accounts, unique handles, creator profiles, finding creators by handle and name. */
export function usersContract(make: () => Promise<Harness>, opts: ContractOptions = {}): void {
  describe('UserRepository', () => {
    const ctx = useHarness(make);

    it('creates a user and finds it by id and by handle, with its password hash', async () => {
      const { users } = ctx.h.ports;
      const u = userNamed('alice', true);
      await users.create(u, 'scrypt$hash');
      expect(await users.findById(u.id)).to.deep.equal(u);
      expect(await users.findByHandle('alice')).to.deep.equal({ user: u, passwordHash: 'scrypt$hash' });
    });

    it('answers null for unknown ids and handles', async () => {
      expect(await ctx.h.ports.users.findById('nope')).to.equal(null);
      expect(await ctx.h.ports.users.findByHandle('nobody')).to.equal(null);
    });

    it('throws HandleTakenError for an existing handle and keeps the first account', async () => {
      const { users } = ctx.h.ports;
      const first = userNamed('bob');
      await users.create(first, 'h1');
      const second = userNamed('bob');
      const err = await users.create(second, 'h2').then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).to.be.instanceOf(HandleTakenError);
      expect((err as HandleTakenError).code).to.equal('handle_taken');
      expect(await users.findById(second.id)).to.equal(null);
      expect((await users.findByHandle('bob'))?.passwordHash).to.equal('h1');
    });

    it('gives a creator profile with a zero follower count; null for non-creators and unknown ids', async () => {
      const f = fixtures(ctx.h);
      const creator = await f.creator();
      const fan = await f.user();
      expect(await ctx.h.ports.users.findCreator(creator.id)).to.deep.equal({
        id: creator.id,
        handle: creator.handle,
        displayName: creator.displayName,
        followerCount: 0,
        createdAt: creator.createdAt,
      });
      expect(await ctx.h.ports.users.findCreator(fan.id)).to.equal(null);
      expect(await ctx.h.ports.users.findCreator('nope')).to.equal(null);
    });

    it('gives many creator profiles in one call, leaving out non-creators, unknown ids and duplicates', async () => {
      const f = fixtures(ctx.h);
      const [c1, c2, fan] = [await f.creator(), await f.creator(), await f.user()];
      const found = await ctx.h.ports.users.findCreators([c2.id, fan.id, 'nope', c1.id, c2.id]);
      const profile = (u: User) => ({
        id: u.id,
        handle: u.handle,
        displayName: u.displayName,
        followerCount: 0,
        createdAt: u.createdAt,
      });
      expect([...found].sort((a, b) => (a.id < b.id ? -1 : 1))).to.deep.equal([profile(c1), profile(c2)]);
      expect(await ctx.h.ports.users.findCreators([])).to.deep.equal([]);
    });

    it('finds a creator by exact handle; null for a fan, an unknown handle or a prefix', async () => {
      const { users } = ctx.h.ports;
      const ada = userNamed('ada_l', true);
      await users.create(ada, 'h');
      await users.create(userNamed('fan_of_ada'), 'h');
      expect(await users.findCreatorByHandle('ada_l')).to.deep.equal({
        ...(await users.findCreator(ada.id)),
        handle: 'ada_l',
      });
      expect(await users.findCreatorByHandle('fan_of_ada')).to.equal(null);
      expect(await users.findCreatorByHandle('ada')).to.equal(null);
      expect(await users.findCreatorByHandle('nobody')).to.equal(null);
    });

    it('searches creators by handle or display-name prefix, accents and case folded, in handle order over pages', async () => {
      const { users } = ctx.h.ports;
      const make = async (handle: string, displayName: string, isCreator = true): Promise<void> =>
        users.create({ ...userNamed(handle, isCreator), displayName }, 'h');
      await make('zola', 'Émile Zola');
      await make('emily_d', 'Emily Dickinson');
      await make('ada', 'Ada Lovelace');
      await make('adam_s', 'Adam Smith');
      await make('lovelace_fan', 'Ada Fan', false); // not a creator: never found
      await make('em_dash', 'em—dash 100%_');
      await make('adams_apple', 'Nothing to see');
      expect(await searchAll(ctx.h, 'ada')).to.deep.equal(['ada', 'adam_s', 'adams_apple']);
      expect(await searchAll(ctx.h, '@ADA', 1)).to.deep.equal(['ada', 'adam_s', 'adams_apple']);
      expect(await searchAll(ctx.h, 'emi')).to.deep.equal(['emily_d', 'zola']); // "Émile" folded
      expect(await searchAll(ctx.h, 'ÉMILE  z')).to.deep.equal(['zola']);
      expect(await searchAll(ctx.h, 'em')).to.deep.equal(['em_dash', 'emily_d', 'zola']);
      expect(await searchAll(ctx.h, 'em—dash 100%')).to.deep.equal(['em_dash']); // no LIKE wildcards
      expect(await searchAll(ctx.h, '100%')).to.deep.equal([]);
      expect(await searchAll(ctx.h, 'lovelace')).to.deep.equal([]); // a prefix, not a word anywhere
      expect(await searchAll(ctx.h, 'q')).to.deep.equal([]);
      expect(await searchAll(ctx.h, '')).to.deep.equal(['ada', 'adam_s', 'adams_apple', 'em_dash', 'emily_d', 'zola']);
      const first = await users.searchCreators('ad', { limit: 1 });
      expect(first.items).to.deep.equal([await users.findCreatorByHandle('ada')]);
      expect(first.next).to.deep.include({ key: 'ada' });
    });

    group('concurrency', opts, () => {
      it('lets exactly one of 50 concurrent registrations of one handle win', async () => {
        const { users } = ctx.h.ports;
        const attempts = Array.from({ length: 50 }, () => userNamed('carol'));
        const results = await Promise.allSettled(attempts.map((u) => users.create(u, 'h')));
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(won).to.have.length(1);
        expect(lost).to.have.length(49);
        for (const r of lost) expect(r.reason).to.be.instanceOf(HandleTakenError);
        const winner = attempts[results.findIndex((r) => r.status === 'fulfilled')]!;
        expect((await users.findByHandle('carol'))?.user.id).to.equal(winner.id);
      });
    });
  });
}
