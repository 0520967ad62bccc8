import type { IdempotencyLock } from '@livedrops/core';
import { expect } from 'chai';

export interface LockUnderTest {
  /** Two holders that share the locks as two instances would (the same object in-process). */
  a: IdempotencyLock;
  b: IdempotencyLock;
  close(): Promise<void>;
}

/** IdempotencyLock: one holder per scope at a time, across instances; a TTL frees a crashed holder's scope. */
export function idempotencyLockContract(make: () => Promise<LockUnderTest>): void {
  describe('IdempotencyLock', () => {
    let h: LockUnderTest;
    beforeEach(async () => (h = await make()));
    afterEach(() => h.close());

    it('lets one of two instances hold a scope until it releases it', async () => {
      const held = await h.a.acquire('u1\u0000k', 10_000);
      expect(held).to.not.equal(null);
      expect(await h.b.acquire('u1\u0000k', 10_000)).to.equal(null);
      expect(await h.b.acquire('u1\u0000other', 10_000)).to.not.equal(null);
      await held!.release();
      expect(await h.b.acquire('u1\u0000k', 10_000)).to.not.equal(null);
    });

    it('lets exactly one of 50 concurrent attempts win', async () => {
      const wins = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? h.a : h.b).acquire('hot', 10_000)));
      expect(wins.filter((w) => w !== null)).to.have.length(1);
    });

    it('frees a scope after its TTL, and a late release by the old holder does not free the new one', async () => {
      for (const [first, second] of [
        [h.a, h.b],
        [h.a, h.a],
      ] as const) {
        const old = await first.acquire('s', 50);
        await new Promise((r) => setTimeout(r, 80));
        const current = await second.acquire('s', 10_000);
        expect(current).to.not.equal(null);
        await old!.release();
        expect(await h.b.acquire('s', 10_000)).to.equal(null);
        await current!.release();
      }
    });
  });
}
