import { HandleTakenError, type User } from '@livedrops/core';
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

/** UserRepository: accounts, unique handles, creator profiles. */
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
      const err = await users.create(second, 'h2').then(() => null, (e: unknown) => e);
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
      const profile = (u: User) => ({ id: u.id, handle: u.handle, displayName: u.displayName, followerCount: 0, createdAt: u.createdAt });
      expect([...found].sort((a, b) => (a.id < b.id ? -1 : 1))).to.deep.equal([profile(c1), profile(c2)]);
      expect(await ctx.h.ports.users.findCreators([])).to.deep.equal([]);
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
