import { expect } from 'chai';
import { entriesDigest, fairShuffle, sortedEntries, toHex, verifyShuffle } from '@livedrops/core';
import { NodeFairnessCrypto } from '../src/system/fairness-crypto.js';

// The known answer below was computed by an independent implementation (Python's hmac and
// hashlib) of docs/fair-access.md, so a change to the algorithm cannot pass unnoticed.
const h = new NodeFairnessCrypto();
const SEED = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
const ENTRIES = Array.from({ length: 10 }, (_, i) => `user-${String(i).padStart(2, '0')}`);
const ORDER = [
  'user-05',
  'user-06',
  'user-08',
  'user-04',
  'user-07',
  'user-02',
  'user-00',
  'user-09',
  'user-01',
  'user-03',
];

function published(order: string[], entries = sortedEntries(order)) {
  return {
    commitment: h.sha256Hex(Buffer.from(SEED, 'hex')),
    seed: SEED,
    entries,
    entriesDigest: entriesDigest(h, entries),
    order,
  };
}

describe('the verifiable shuffle (docs/fair-access.md)', () => {
  it('matches the independent known answer, commitment and digest included', () => {
    expect(fairShuffle(h, SEED, [...ENTRIES].reverse())).to.deep.equal(ORDER);
    expect(h.sha256Hex(Buffer.from(SEED, 'hex'))).to.equal(
      '630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd',
    );
    expect(entriesDigest(h, ENTRIES)).to.equal('eded043891bd98bf3cff1b78f31d32f466addfde7fdca3a4920ae03c5194b1dd');
    expect(verifyShuffle(h, published(ORDER))).to.equal(true);
  });

  it('verification fails when one entry is added, removed or reordered', () => {
    const added = [...ENTRIES, 'user-10'];
    expect(verifyShuffle(h, published(ORDER, added))).to.equal(false);
    expect(verifyShuffle(h, published([...ORDER, 'user-10']))).to.equal(false);
    expect(verifyShuffle(h, published(ORDER.slice(1)))).to.equal(false);
    expect(verifyShuffle(h, published(ORDER, ENTRIES.slice(1)))).to.equal(false);
    const swapped = [...ORDER];
    [swapped[0], swapped[1]] = [swapped[1]!, swapped[0]!];
    expect(verifyShuffle(h, published(swapped))).to.equal(false);
    const unsorted = [ENTRIES[1]!, ENTRIES[0]!, ...ENTRIES.slice(2)];
    expect(
      verifyShuffle(h, { ...published(ORDER), entries: unsorted, entriesDigest: entriesDigest(h, unsorted) }),
    ).to.equal(false);
  });

  it('fails on a seed that does not match the commitment', () => {
    expect(verifyShuffle(h, { ...published(ORDER), seed: SEED.replace(/^00/, '01') })).to.equal(false);
  });

  it('is uniform enough: each entry lands first about equally often over many seeds', () => {
    const firsts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const first = fairShuffle(h, toHex(h.randomSeed()), ENTRIES.slice(0, 4))[0]!;
      firsts.set(first, (firsts.get(first) ?? 0) + 1);
    }
    // Chi-square with 3 degrees of freedom; 16.27 is the 0.001 critical value.
    const chi = [...firsts.values()].reduce((sum, n) => sum + (n - 500) ** 2 / 500, 0);
    expect(firsts.size).to.equal(4);
    expect(chi).to.be.below(16.27);
  });

  it('shuffles zero and one entries to themselves', () => {
    expect(fairShuffle(h, SEED, [])).to.deep.equal([]);
    expect(fairShuffle(h, SEED, ['a'])).to.deep.equal(['a']);
  });
});
