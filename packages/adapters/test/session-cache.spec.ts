import type { User } from '@livedrops/core';
import { expect } from 'chai';
import { SessionCache } from '../src/cache/session-cache.js';
import { SystemClock } from '../src/system/clocks.js';
import { fixtures } from '../src/testing/contracts/fixtures.js';
import { selectedAdapters, useHarness } from './harness.js';

// Two caches over one database stand for two instances of the server.
for (const a of selectedAdapters()) {
  describe(`${a.name}: session cache`, () => {
    const ctx = useHarness(a.make);
    const opts = { ttlMs: 60_000, pollMs: 50, max: 1000 };

    async function session(user: User, hash: string): Promise<void> {
      await ctx.h.ports.sessions.create({ tokenHash: hash, userId: user.id, createdAt: ctx.h.clock.now() });
    }

    it('answers misses of one turn with one read, and hits from memory', async () => {
      const user = await fixtures(ctx.h).user();
      for (let i = 0; i < 20; i++) await session(user, `hash-${i}`);
      let reads = 0;
      const inner = ctx.h.ports.sessions;
      const counting = {
        ...inner,
        findUsers: (h: readonly string[]) => (reads++, inner.findUsers(h)),
        create: inner.create.bind(inner),
        findUser: inner.findUser.bind(inner),
        revoke: inner.revoke.bind(inner),
        revokedSince: inner.revokedSince.bind(inner),
      };
      const cache = new SessionCache(counting, ctx.h.clock, opts);
      const found = await Promise.all([
        ...Array.from({ length: 20 }, (_, i) => cache.findUser(`hash-${i}`)),
        cache.findUser('unknown'),
      ]);
      expect(found.filter((u) => u?.id === user.id)).to.have.length(20);
      expect(found.at(-1)).to.equal(null);
      expect(reads).to.equal(1);
      await cache.findUser('hash-3');
      expect(reads).to.equal(1);
    });

    it('a logout on one instance reaches the other within a second, and is never undone', async () => {
      const user = await fixtures(ctx.h).user();
      await session(user, 'h-a');
      const clock = new SystemClock();
      const [one, two] = [
        new SessionCache(ctx.h.ports.sessions, clock, opts).start(),
        new SessionCache(ctx.h.ports.sessions, clock, opts).start(),
      ];
      try {
        expect((await one.findUser('h-a'))?.id).to.equal(user.id);
        expect((await two.findUser('h-a'))?.id).to.equal(user.id);
        // A read on `two` that began before the logout ends after `two` learned of it.
        const slow = two.findUser('h-never-cached');
        await one.revoke('h-a', clock.now());
        expect(await one.findUser('h-a')).to.equal(null);
        const t0 = Date.now();
        while ((await two.findUser('h-a')) !== null) {
          expect(Date.now() - t0).to.be.below(1000);
          await new Promise((r) => setTimeout(r, 10));
        }
        await slow;
        for (let i = 0; i < 5; i++) expect(await two.findUser('h-a')).to.equal(null);
      } finally {
        await Promise.all([one.stop(), two.stop()]);
      }
    });
  });
}
