import { expect } from 'chai';
import { useHarness, type ContractOptions, type Harness } from '../harness.js';
import { fixtures } from './fixtures.js';

/** SessionRepository: hashed bearer sessions and idempotent revocation. */
export function sessionsContract(make: () => Promise<Harness>, _opts: ContractOptions = {}): void {
  describe('SessionRepository', () => {
    const ctx = useHarness(make);

    it('finds the user behind a live session', async () => {
      const user = await fixtures(ctx.h).user();
      await ctx.h.ports.sessions.create({ tokenHash: 'hash-1', userId: user.id, createdAt: ctx.h.clock.now() });
      expect(await ctx.h.ports.sessions.findUser('hash-1')).to.deep.equal(user);
    });

    it('answers null for an unknown hash', async () => {
      expect(await ctx.h.ports.sessions.findUser('never-issued')).to.equal(null);
    });

    it("revokes one session and leaves the user's others alive", async () => {
      const { sessions } = ctx.h.ports;
      const user = await fixtures(ctx.h).user();
      await sessions.create({ tokenHash: 'phone', userId: user.id, createdAt: 1 });
      await sessions.create({ tokenHash: 'laptop', userId: user.id, createdAt: 2 });
      await sessions.revoke('phone', 10);
      expect(await sessions.findUser('phone')).to.equal(null);
      expect(await sessions.findUser('laptop')).to.deep.equal(user);
    });

    it('treats revoking twice, or an unknown hash, as a no-op', async () => {
      const { sessions } = ctx.h.ports;
      const user = await fixtures(ctx.h).user();
      await sessions.create({ tokenHash: 'once', userId: user.id, createdAt: 1 });
      await sessions.revoke('once', 10);
      await sessions.revoke('once', 20);
      await sessions.revoke('unknown', 30);
      expect(await sessions.findUser('once')).to.equal(null);
    });
  });
}
