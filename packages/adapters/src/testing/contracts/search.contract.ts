import { searchTerms, type Cursor, type Page, type Product } from '@livedrops/core';
import { expect } from 'chai';
import { useHarness, type ContractOptions, type Harness } from '../harness.js';
import { fixtures } from './fixtures.js';

const q = (text: string) => ({ terms: searchTerms(text) });

/** Every page of a search, `between` run after each (to write documents mid-walk). */
async function walk(
  search: (after: Cursor | undefined) => Promise<Page<{ id: string }>>,
  between: () => Promise<void>,
): Promise<string[]> {
  const ids: string[] = [];
  let after: Cursor | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await search(after);
    ids.push(...page.items.map((x) => x.id));
    if (!page.next) return ids;
    after = page.next;
    await between();
  }
  throw new Error('search pagination did not end');
}

/** SearchIndex: words of title and description, folded, last word a prefix, relevance then newest. */
export function searchContract(make: () => Promise<Harness>, _opts: ContractOptions = {}): void {
  describe('SearchIndex', () => {
    const ctx = useHarness(make);
    let creatorId: string;
    const product = async (title: string, description: string | null = null): Promise<Product> => {
      ctx.h.clock.advance(1_000);
      return fixtures(ctx.h).product(creatorId, { title, description });
    };
    beforeEach(async () => {
      creatorId = (await fixtures(ctx.h).creator()).id;
    });

    it('folds accents and case both ways, and matches the last word as a prefix only', async () => {
      const p = await product('Crème Brûlée Tote', 'Canvas, hand-printed in Lyon');
      const ids = async (text: string) =>
        (await ctx.h.ports.search.products(q(text), { limit: 10 })).items.map((x) => x.id);
      for (const text of ['creme brulee', 'CRÈME', 'brûl', 'tote canv', 'hand printed lyon', 'crème brul']) {
        expect(await ids(text), text).to.deep.equal([p.id]);
      }
      for (const text of ['brul tote', 'cremes', 'tote bag', 'lyonnaise'])
        expect(await ids(text), text).to.deep.equal([]);
    });

    it('ranks title matches first, then newest, then id; the found product is whole', async () => {
      const inDescription = await product('Plain cap', 'Goes with the vinyl record');
      const older = await product('Vinyl record, first press');
      const newer = await product('Vinyl record, second press', 'signed');
      const page = await ctx.h.ports.search.products(q('vinyl rec'), { limit: 10 });
      expect(page.items.map((x) => x.id)).to.deep.equal([newer.id, older.id, inDescription.id]);
      expect(page.items[0]).to.deep.equal(newer);
      expect(page.next).to.equal(null);
    });

    it('indexes what the write committed: an edited title is found by its new words only', async () => {
      const p = await product('Summer hoodie');
      await ctx.h.ports.products.update(p.id, { title: 'Winter parka' });
      expect((await ctx.h.ports.search.products(q('hoodie'), { limit: 5 })).items).to.deep.equal([]);
      expect((await ctx.h.ports.search.products(q('parka'), { limit: 5 })).items.map((x) => x.id)).to.deep.equal([
        p.id,
      ]);
    });

    it('walks every match exactly once while new matching products arrive between pages', async () => {
      const made = [];
      for (let i = 0; i < 13; i++) made.push(await product(i % 3 ? `Poster number ${i}` : `Print ${i}`, 'tour poster'));
      let added = 0;
      const ids = await walk(
        (after) => ctx.h.ports.search.products(q('poster'), { limit: 4, after }),
        async () => void (await product(`Poster extra ${++added}`)),
      );
      expect(new Set(ids).size).to.equal(ids.length);
      expect(ids).to.include.members(made.map((p) => p.id));
    });

    it('gives each item its own cursor: resuming after it starts at the next item, in both tiers', async () => {
      for (const t of ['Lamp one', 'Lamp two', 'Desk', 'Lamp three'])
        await product(t, t === 'Desk' ? 'with a lamp' : null);
      const all = await ctx.h.ports.search.products(q('lamp'), { limit: 10 });
      expect(all.items).to.have.length(4);
      expect(all.cursors).to.have.length(4);
      for (let i = 0; i < all.items.length; i++) {
        const rest = await ctx.h.ports.search.products(q('lamp'), { limit: 10, after: all.cursors[i] });
        expect(rest.items.map((x) => x.id)).to.deep.equal(all.items.slice(i + 1).map((x) => x.id));
      }
    });

    it('finds drops by their product, newest drop first, with the product joined', async () => {
      const p = await product('Glow sticks');
      const other = await product('Candles');
      ctx.h.clock.advance(1_000);
      const d1 = await fixtures(ctx.h).drop({ creatorId, productId: p.id });
      ctx.h.clock.advance(1_000);
      const d2 = await fixtures(ctx.h).drop({ creatorId, productId: p.id });
      await fixtures(ctx.h).drop({ creatorId, productId: other.id });
      const page = await ctx.h.ports.search.drops(q('glow'), { limit: 1 });
      expect(page.items).to.deep.equal([d2]);
      const rest = await ctx.h.ports.search.drops(q('glow'), { limit: 5, after: page.next! });
      expect(rest.items.map((d) => d.id)).to.deep.equal([d1.id]);
      expect(rest.items[0]!.productTitle).to.equal('Glow sticks');
    });

    it('treats operators and quotes as plain text', async () => {
      await product('Safe "quoted" title');
      for (const text of ['"quoted" OR *', "quoted' AND 1=1", 'title:quoted', 'NEAR(quoted safe)']) {
        await ctx.h.ports.search.products(q(text), { limit: 5 });
      }
      expect((await ctx.h.ports.search.products(q('"quoted"'), { limit: 5 })).items).to.have.length(1);
    });
  });
}
