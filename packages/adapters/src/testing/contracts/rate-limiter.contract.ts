import type { RateLimiter } from '@livedrops/core';
import { expect } from 'chai';

export interface LimiterUnderTest {
  /** Two views of the limits, as two instances would have (the same object in-process). */
  a: RateLimiter;
  b: RateLimiter;
  close(): Promise<void>;
}

/** RateLimiter: fixed windows per key, counted across instances, on real time. */
export function rateLimiterContract(make: () => Promise<LimiterUnderTest>): void {
  describe('RateLimiter', () => {
    let h: LimiterUnderTest;
    beforeEach(async () => (h = await make()));
    afterEach(() => h.close());
    const rule = { limit: 3, windowMs: 300 };

    it('allows `limit` hits per window, counted across instances, then says how long to wait', async () => {
      expect(await h.a.retryAfter('login:ada', rule)).to.equal(0);
      await h.a.hit('login:ada', rule);
      await h.b.hit('login:ada', rule);
      expect(await h.b.retryAfter('login:ada', rule)).to.equal(0);
      await h.a.hit('login:ada', rule);
      const wait = await h.b.retryAfter('login:ada', rule);
      expect(wait).to.be.greaterThan(0).and.at.most(300);
      expect(await h.a.retryAfter('login:bob', rule)).to.equal(0);
    });

    it('opens again when the window ends, and at once on reset', async () => {
      for (let i = 0; i < 3; i++) await h.a.hit('k', rule);
      expect(await h.a.retryAfter('k', rule)).to.be.greaterThan(0);
      await new Promise((r) => setTimeout(r, 330));
      expect(await h.b.retryAfter('k', rule)).to.equal(0);
      for (let i = 0; i < 3; i++) await h.b.hit('k', rule);
      await h.a.reset('k');
      expect(await h.b.retryAfter('k', rule)).to.equal(0);
    });
  });
}
