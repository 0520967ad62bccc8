import { expect } from 'chai';
import { InProcessReadCache } from '../src/cache/in-process-read-cache.js';
import { FakeClock } from '../src/system/clocks.js';
import { readCacheCountersContract } from '../src/testing/contracts/read-cache-counters.contract.js';
import { readCacheContract } from '../src/testing/contracts/read-cache.contract.js';
import { cacheAdapters } from './infrastructure-harness.js';

for (const a of cacheAdapters()) {
  describe(a.name, () => {
    readCacheContract(a);
    readCacheCountersContract(a.make);
  });
}

describe('InProcessReadCache (bounds)', () => {
  it('keeps at most maxEntries documents, dropping the least recently used', async () => {
    const cache = new InProcessReadCache(new FakeClock(), { maxEntries: 3, ttlMs: 60_000 });
    const loads: string[] = [];
    const read = (k: string) => cache.read(k, async () => (loads.push(k), { k }));
    for (const k of ['a', 'b', 'c']) await read(k);
    await read('a'); // a is now the most recently used
    await read('d'); // evicts b
    loads.length = 0;
    for (const k of ['a', 'c', 'd', 'b']) await read(k);
    expect(loads).to.deep.equal(['b']);
  });

  it('loads again once a document is older than the TTL (writes by another process)', async () => {
    const clock = new FakeClock();
    const cache = new InProcessReadCache(clock, { maxEntries: 10, ttlMs: 1_000 });
    let n = 0;
    const read = () => cache.read('creator:c', async () => ({ followerCount: ++n }));
    expect((await read())!.followerCount).to.equal(1);
    clock.advance(999);
    expect((await read())!.followerCount).to.equal(1);
    clock.advance(1);
    expect((await read())!.followerCount).to.equal(2);
  });
});
