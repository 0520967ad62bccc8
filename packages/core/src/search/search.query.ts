import { searchKey } from '../accounts/creator-search.js';
import type { Drop } from '../drops/drop.js';
import type { Product } from '../products/product.js';
import { ValidationError } from '../shared/domain-error.js';
import type { KeyedPage, PageRequest } from '../shared/page.js';
import type { SearchIndex, SearchQuery } from './search-index.port.js';

export const SEARCH_QUERY_MAX = 200;
const EMPTY = { items: [], next: null, cursors: [] };
/** More words than this add nothing but cost; the rest are ignored. */
const MAX_TERMS = 8;

/**
 * The words of a query as every engine compares them: accents and case folded (`searchKey`),
 * split on anything that is not a letter or a digit.
 */
export function searchTerms(q: string): string[] {
  return searchKey(q)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, MAX_TERMS);
}

/** Whether a text holds every term, the last one possibly as a word prefix (the memory engine's match). */
export function matchesTerms(text: string, terms: readonly string[]): boolean {
  const words = searchTerms(text.slice(0, 100_000));
  return terms.every((t, i) => words.some((w) => (i === terms.length - 1 ? w.startsWith(t) : w === t)));
}

/** `GET /v1/search`: products or drops by the words of their product's title and description. */
export class Search {
  constructor(private readonly d: { search: SearchIndex }) {}

  private query(q: string): SearchQuery {
    if (q.trim().length < 1 || q.length > SEARCH_QUERY_MAX) {
      throw ValidationError.field('q', `must be 1-${SEARCH_QUERY_MAX} characters`);
    }
    return { terms: searchTerms(q) };
  }

  products(q: string, page: PageRequest): Promise<KeyedPage<Product>> {
    const query = this.query(q);
    return query.terms.length === 0 ? Promise.resolve(EMPTY) : this.d.search.products(query, page);
  }

  drops(q: string, page: PageRequest): Promise<KeyedPage<Drop>> {
    const query = this.query(q);
    return query.terms.length === 0 ? Promise.resolve(EMPTY) : this.d.search.drops(query, page);
  }
}
