import type { QueueLine } from '@livedrops/core';
import { expect } from 'chai';

export interface QueueLineUnderTest {
  line: QueueLine;
  close(): Promise<void>;
}

/** Where everyone stands by the naive rule: the users still in line, in line order. */
const naive = (order: string[], gone: Set<string>, u: string): number | undefined => {
  if (gone.has(u) || !order.includes(u)) return undefined;
  return order.filter((x) => !gone.has(x)).indexOf(u) + 1;
};

/**
 * The QueueLine port (core's queue-line.port.ts): a fast copy of waiting rooms' lines that
 * answers positions as the database's count would, and says when it cannot.
 */
export function queueLineContract(make: () => Promise<QueueLineUnderTest>): void {
  let t: QueueLineUnderTest;
  beforeEach(async () => {
    t = await make();
  });
  afterEach(() => t.close());

  it('is stale until built; then answers 1-based places in line order, and nothing for strangers', async () => {
    expect(await t.line.stale('d1')).to.equal(true);
    expect(await t.line.position('d1', 'a')).to.equal(undefined);
    await t.line.rebuild('d1', ['a', 'b', 'c']);
    expect(await t.line.stale('d1')).to.equal(false);
    expect(await Promise.all(['a', 'b', 'c', 'z'].map((u) => t.line.position('d1', u)))).to.deep.equal([
      1,
      2,
      3,
      undefined,
    ]);
    expect(await t.line.position('d2', 'a')).to.equal(undefined);
  });

  it('moves everyone behind up as users leave; an arrival goes to the back of a built line only', async () => {
    expect(await t.line.joined('d1', 'early', 1)).to.equal(undefined);
    expect(await t.line.position('d1', 'early')).to.equal(undefined);
    await t.line.rebuild('d1', ['a', 'b', 'c', 'd']);
    await t.line.left('d1', ['b', 'nobody']);
    expect(await t.line.joined('d1', 'e', 99)).to.equal(4);
    expect(await t.line.joined('d1', 'a', 100)).to.equal(1); // already in line: keeps its place
    expect(await Promise.all(['a', 'b', 'c', 'd', 'e'].map((u) => t.line.position('d1', u)))).to.deep.equal([
      1,
      undefined,
      2,
      3,
      4,
    ]);
    await t.line.joinedAll('d1', ['f', 'c', 'g']); // in turn, each to the back; one in line keeps its place
    expect(await Promise.all(['c', 'e', 'f', 'g'].map((u) => t.line.position('d1', u)))).to.deep.equal([2, 4, 5, 6]);
    await t.line.rebuild('d1', ['d', 'c']);
    expect(await Promise.all(['a', 'c', 'd', 'e'].map((u) => t.line.position('d1', u)))).to.deep.equal([
      undefined,
      2,
      1,
      undefined,
    ]);
  });

  it('agrees with the naive count over a long line with arrivals and departures in any order', async function () {
    this.timeout(20_000);
    const order = Array.from({ length: 3_000 }, (_, i) => `u${i}`);
    await t.line.rebuild('d1', order);
    const gone = new Set<string>();
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    for (let round = 0; round < 5; round++) {
      const leaving = Array.from({ length: 300 }, () => order[rnd(order.length)]!);
      await t.line.left('d1', leaving);
      for (const u of leaving) gone.add(u);
      for (let k = 0; k < 200; k++) {
        const u = `r${round}-${k}`;
        order.push(u);
        await t.line.joined('d1', u, Date.now());
      }
    }
    const sample = Array.from({ length: 400 }, () => order[rnd(order.length)]!);
    const got = await Promise.all(sample.map((u) => t.line.position('d1', u)));
    expect(got).to.deep.equal(sample.map((u) => naive(order, gone, u)));
  });
}
