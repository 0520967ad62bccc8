import { expect } from 'chai';
import { ShortMemo } from '../src/shared/short-memo.js';

describe('ShortMemo', () => {
  const counter = () => {
    let calls = 0;
    return { compute: async () => ++calls, calls: () => calls };
  };

  it('shares one computation per key within its time, also while it runs, and computes again after', async () => {
    const memo = new ShortMemo<number>(100);
    const c = counter();
    const [a, b] = await Promise.all([memo.get('k', 0, c.compute), memo.get('k', 50, c.compute)]);
    expect([a, b, c.calls()]).to.deep.equal([1, 1, 1]);
    expect(await memo.get('other', 50, c.compute)).to.equal(2);
    expect(await memo.get('k', 100, c.compute)).to.equal(3);
  });

  it('forgets a failure, and a value `keep` refuses once its waiting callers have it', async () => {
    const memo = new ShortMemo<number>(1_000, 10, (v) => v > 0);
    const zero = await Promise.all([memo.get('k', 0, async () => 0), memo.get('k', 0, async () => 9)]);
    expect(zero).to.deep.equal([0, 0]);
    expect(await memo.get('k', 1, async () => 5)).to.equal(5);
    expect(await memo.get('k', 2, async () => 6)).to.equal(5); // kept
    await memo.get('f', 0, async () => Promise.reject(new Error('down'))).catch(() => undefined);
    expect(await memo.get('f', 1, async () => 7)).to.equal(7);
  });
});
