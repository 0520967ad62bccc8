import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { useHarness, type ContractOptions, type Harness } from '../harness.js';

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

export interface BlobContractOptions extends ContractOptions {
  /** How many stored copies of `key` the engine holds, read beside the adapter (where it can be). */
  copies?: (key: string) => Promise<number>;
}

/** BlobStore: immutable, content-addressed, deduplicated bytes. */
export function blobStoreContract(make: () => Promise<Harness>, opts: BlobContractOptions = {}): void {
  describe('BlobStore', () => {
    const ctx = useHarness(make);

    it('names bytes by their sha256 and format, and gives them back exactly', async () => {
      const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256);
      const key = await ctx.h.ports.blobs.put(bytes, 'webp');
      expect(key).to.equal(`${sha256(bytes)}.webp`);
      expect(Buffer.from((await ctx.h.ports.blobs.get(key))!).equals(Buffer.from(bytes))).to.equal(true);
      expect(await ctx.h.ports.blobs.has(key)).to.equal(true);
    });

    it('stores the same bytes once, however often (and however concurrently) they are put', async () => {
      const bytes = Buffer.from('the same picture, uploaded for ten products');
      const keys = await Promise.all(Array.from({ length: 10 }, () => ctx.h.ports.blobs.put(bytes, 'png')));
      expect(new Set(keys).size).to.equal(1);
      expect(Buffer.from((await ctx.h.ports.blobs.get(keys[0]!))!).equals(bytes)).to.equal(true);
      if (opts.copies) expect(await opts.copies(keys[0]!)).to.equal(1);
      // Another format is another name for the same bytes.
      expect(await ctx.h.ports.blobs.put(bytes, 'jpeg')).to.equal(`${sha256(bytes)}.jpeg`);
    });

    it('answers null / false for unknown keys and for anything not shaped like a key', async () => {
      for (const key of [
        `${'0'.repeat(64)}.png`,
        '../../etc/passwd',
        `${'A'.repeat(64)}.png`,
        `${'0'.repeat(64)}.gif`,
        '',
      ]) {
        expect(await ctx.h.ports.blobs.get(key), key).to.equal(null);
        expect(await ctx.h.ports.blobs.has(key), key).to.equal(false);
      }
    });

    it('keeps every version: a new put never changes what an older key serves', async () => {
      const [a, b] = [Buffer.from('first'), Buffer.from('second')];
      const [ka, kb] = [await ctx.h.ports.blobs.put(a, 'png'), await ctx.h.ports.blobs.put(b, 'png')];
      expect(ka).not.to.equal(kb);
      expect(Buffer.from((await ctx.h.ports.blobs.get(ka))!).toString()).to.equal('first');
      expect(Buffer.from((await ctx.h.ports.blobs.get(kb))!).toString()).to.equal('second');
    });
  });
}
