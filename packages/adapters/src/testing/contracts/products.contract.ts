import type { Cursor, Product } from '@livedrops/core';
import { expect } from 'chai';
import { useHarness, type ContractOptions, type Harness } from '../harness.js';
import { fixtures, ids } from './fixtures.js';

const byId = <T extends { id: string }>(xs: T[]): T[] => [...xs].sort((a, b) => (a.id < b.id ? -1 : 1));

/** ProductRepository: the catalog, partial updates and newest-first keyset pages. */
export function productsContract(make: () => Promise<Harness>, _opts: ContractOptions = {}): void {
  describe('ProductRepository', () => {
    const ctx = useHarness(make);

    it('creates a product and finds it; null for unknown ids', async () => {
      const creator = await fixtures(ctx.h).creator();
      const p = await fixtures(ctx.h).product(creator.id, { description: 'Heavy cotton', priceCents: 1_000_000_000 });
      expect(await ctx.h.ports.products.findById(p.id)).to.deep.equal(p);
      expect(await ctx.h.ports.products.findById('nope')).to.equal(null);
    });

    it('finds many by id in one call: unknown ids left out, duplicates once, none for an empty list', async () => {
      const creator = await fixtures(ctx.h).creator();
      const [a, b] = [
        await fixtures(ctx.h).product(creator.id),
        await fixtures(ctx.h).product(creator.id, { description: 'd' }),
      ];
      const found = await ctx.h.ports.products.findByIds([b.id, 'nope', a.id, b.id]);
      expect(byId(found)).to.deep.equal(byId([a, b]));
      expect(await ctx.h.ports.products.findByIds([])).to.deep.equal([]);
    });

    it('applies only the fields a patch names, and can clear the description', async () => {
      const { products } = ctx.h.ports;
      const creator = await fixtures(ctx.h).creator();
      const p = await fixtures(ctx.h).product(creator.id, { description: 'old' });
      expect(await products.update(p.id, { title: 'New title' })).to.deep.equal({ ...p, title: 'New title' });
      expect(await products.update(p.id, { description: null, priceCents: 12 })).to.deep.equal({
        ...p,
        title: 'New title',
        description: null,
        priceCents: 12,
      });
      expect(await products.update(p.id, {})).to.deep.equal({
        ...p,
        title: 'New title',
        description: null,
        priceCents: 12,
      });
      expect(await products.findById(p.id)).to.deep.equal({
        ...p,
        title: 'New title',
        description: null,
        priceCents: 12,
      });
    });

    it('answers null when updating an unknown product', async () => {
      expect(await ctx.h.ports.products.update('nope', { title: 'x' })).to.equal(null);
    });

    it('lists newest first with ties by id, filtered by creator, in keyset pages', async () => {
      const { products } = ctx.h.ports;
      const f = fixtures(ctx.h);
      const [alice, bob] = [await f.creator(), await f.creator()];
      const made: Product[] = [];
      for (let i = 0; i < 9; i++) {
        made.push(await f.product(i % 3 === 0 ? bob.id : alice.id, { createdAt: 1000 + Math.floor(i / 2) }));
      }
      const newestFirst = [...made].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
      const walk = async (creatorId?: string): Promise<Product[]> => {
        const out: Product[] = [];
        let after: Cursor | undefined;
        do {
          const page = await products.list({ creatorId }, { limit: 2, after });
          expect(page.items.length).to.be.at.most(2);
          out.push(...page.items);
          after = page.next ?? undefined;
        } while (after);
        return out;
      };
      expect(ids(await walk())).to.deep.equal(ids(newestFirst));
      expect(ids(await walk(alice.id))).to.deep.equal(ids(newestFirst.filter((p) => p.creatorId === alice.id)));
      expect(await walk(bob.id)).to.deep.equal(newestFirst.filter((p) => p.creatorId === bob.id));
      expect((await products.list({ creatorId: 'nobody' }, { limit: 5 })).items).to.deep.equal([]);
    });

    it('says there is no next page when the last page is exactly full', async () => {
      const creator = await fixtures(ctx.h).creator();
      for (let i = 0; i < 4; i++) await fixtures(ctx.h).product(creator.id, { createdAt: i });
      const first = await ctx.h.ports.products.list({}, { limit: 2 });
      expect(first.next).to.not.equal(null);
      const second = await ctx.h.ports.products.list({}, { limit: 2, after: first.next! });
      expect(second.items).to.have.length(2);
      expect(second.next).to.equal(null);
    });
  });
}
