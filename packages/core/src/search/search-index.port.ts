import type { Drop } from '../drops/drop.js';
import type { Product } from '../products/product.js';
import type { KeyedPage, PageRequest } from '../shared/page.js';

/**
 * What a search box's text becomes: folded words (`searchTerms`), every one required, the
 * last one also matching as a prefix (the word being typed).
 */
export interface SearchQuery {
  terms: string[];
}

/**
 * Full-text search over products' title and description; drops are found by their product.
 * Order: relevance, then newest, then id. Relevance is a tier that depends on the document and
 * the query alone (1 when every word is in the title, else 0), never on corpus statistics, so
 * the keyset cursor `searchKey(tier, createdAt)` stays valid while documents are added.
 * Adapters index rows in the transaction that writes them (triggers or generated columns).
 */
export interface SearchIndex {
  products(query: SearchQuery, page: PageRequest): Promise<KeyedPage<Product>>;
  /** Drops whose product matches; newest drop first within a tier. */
  drops(query: SearchQuery, page: PageRequest): Promise<KeyedPage<Drop>>;
}

/** Sort keys are one number, tier above time: created_at (ms) stays below 10^13 until the year 2286. */
export const SEARCH_TIER_WEIGHT = 10_000_000_000_000;
export const rankKey = (tier: number, createdAt: number): number => tier * SEARCH_TIER_WEIGHT + createdAt;
