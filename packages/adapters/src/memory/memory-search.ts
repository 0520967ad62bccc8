import {
  matchesTerms,
  rankKey,
  type Drop,
  type PageRequest,
  type Product,
  type SearchIndex,
  type SearchQuery,
} from '@livedrops/core';
import { isAfterDesc, keyedPageOf, type KeyedPage } from '@livedrops/core';
import type { MemoryDropRepository } from './memory-drops.js';
import type { MemoryStore } from './memory-store.js';

/** The reference engine: a scan with core's word matcher, in the order the SQL engines use. */
export class MemorySearchIndex implements SearchIndex {
  constructor(
    private readonly s: MemoryStore,
    private readonly drops_: MemoryDropRepository,
  ) {}

  private tier(p: Product, terms: readonly string[]): number | null {
    if (!matchesTerms(`${p.title} ${p.description ?? ''}`, terms)) return null;
    return matchesTerms(p.title, terms) ? 1 : 0;
  }

  private page<T extends { id: string }>(ranked: Array<[T, number]>, page: PageRequest): KeyedPage<T> {
    const rows = ranked
      .filter(([item, key]) => isAfterDesc(key, item.id, page.after))
      .sort(([a, ka], [b, kb]) => kb - ka || (a.id < b.id ? 1 : -1))
      .slice(0, page.limit + 1);
    const keys = new Map(rows.map(([item, key]) => [item, key]));
    return keyedPageOf(
      rows.map(([item]) => item),
      page.limit,
      (item) => ({ key: keys.get(item)!, id: item.id }),
    );
  }

  async products(query: SearchQuery, page: PageRequest): Promise<KeyedPage<Product>> {
    const ranked: Array<[Product, number]> = [];
    for (const p of this.s.products.values()) {
      const tier = this.tier(p, query.terms);
      if (tier !== null) ranked.push([{ ...p }, rankKey(tier, p.createdAt)]);
    }
    return this.page(ranked, page);
  }

  async drops(query: SearchQuery, page: PageRequest): Promise<KeyedPage<Drop>> {
    const ranked: Array<[Drop, number]> = [];
    for (const row of this.s.drops.values()) {
      const product = this.s.products.get(row.productId);
      const tier = product ? this.tier(product, query.terms) : null;
      if (tier !== null) ranked.push([this.drops_.view(row), rankKey(tier, row.createdAt)]);
    }
    return this.page(ranked, page);
  }
}
