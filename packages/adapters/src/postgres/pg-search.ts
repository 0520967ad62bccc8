import type { Drop, KeyedPage, PageRequest, Product, SearchIndex, SearchQuery } from '@livedrops/core';
import type pg from 'pg';
import type { Row } from '../knex/knex-rows.js';
import { toDrop, toProduct } from '../knex/knex-rows.js';
import { afterBound, rankedPage, rankSql, tieredRows, type TierBound } from '../search/search-page.js';
import { expandQuery } from './pg-search-words.js';

// Products: each tier walked newest first. A common word is found by reading the newest rows in
// index order and testing each (sample); a rare one, whose matches that window does not fill, by
// the GIN index (its few matches sorted; OFFSET 0 keeps the planner from walking the time index
// through a million rows for a word it wrongly guesses common). Both end at the page's size.
export const SAMPLE_ROWS = 4096;
// The product's own columns: the vectors stay in the database.
const COLUMNS = 'id, creator_id, title, description, price_cents, currency, created_at, image, created_at AS rank_at';

/** The two statements of a tier, and their parameters (every one referenced, so typed). */
function tierSql(q: string, title: boolean, bound: TierBound | null, n: number, window: number) {
  const params: unknown[] = [];
  const p = (value: unknown, type: string): string => `$${params.push(value)}::${type}`;
  const tsq = `to_tsquery('simple', ld_fold(${p(q, 'text')}))`;
  const match = title ? `title_search @@ ${tsq}` : `search @@ ${tsq} AND NOT title_search @@ ${tsq}`;
  const after = bound ? `(created_at, id) < (${p(bound.at, 'bigint')}, ${p(bound.id, 'text')})` : 'true';
  const limit = p(n, 'int');
  const sample = `SELECT ${COLUMNS} FROM (SELECT * FROM products WHERE ${after}
    ORDER BY created_at DESC, id DESC LIMIT ${window}) s WHERE ${match}
    ORDER BY created_at DESC, id DESC LIMIT ${limit}`;
  const indexed = `SELECT ${COLUMNS} FROM (SELECT * FROM products WHERE ${match} AND ${after}
    OFFSET 0) p ORDER BY created_at DESC, id DESC LIMIT ${limit}`;
  return { sample, indexed, params };
}

// Drops are few beside products: one statement, the tier computed per match.
const DROP_TIER = `p.title_search @@ to_tsquery('simple', ld_fold($1))`;
const DROPS = `SELECT * FROM (SELECT d.*, p.title AS product_title, p.image AS product_image,
  ${rankSql(DROP_TIER, 'd.created_at')} AS rank_key
  FROM products p JOIN drops d ON d.product_id = p.id WHERE p.search @@ to_tsquery('simple', ld_fold($1))) s
  WHERE $2::bigint IS NULL OR s.rank_key < $2 OR (s.rank_key = $2 AND s.id < $3)
  ORDER BY s.rank_key DESC, s.id DESC LIMIT $4`;

/** Search on PostgreSQL: the generated tsvector and GIN index (0009), the word list (0014). */
export class PgSearchIndex implements SearchIndex {
  /** `sampleRows`: the newest rows a tier reads before it asks the GIN index (tests make it small). */
  constructor(
    private readonly pool: pg.Pool,
    private readonly sampleRows = SAMPLE_ROWS,
  ) {}

  private async tier(q: string, title: boolean, bound: TierBound | null, n: number): Promise<Row[]> {
    const { sample, indexed, params } = tierSql(q, title, bound, n, this.sampleRows);
    const found = (await this.pool.query(sample, params)).rows as Row[];
    if (found.length === n) return found;
    return (await this.pool.query(indexed, params)).rows as Row[];
  }

  async products(query: SearchQuery, page: PageRequest): Promise<KeyedPage<Product>> {
    const q = await expandQuery(this.pool, query.terms);
    if (!q) return { items: [], next: null, cursors: [] };
    const rows = await tieredRows(page, (title, bound, n) => this.tier(q, title, bound, n));
    return rankedPage(rows, page, toProduct);
  }

  async drops(query: SearchQuery, page: PageRequest): Promise<KeyedPage<Drop>> {
    const q = await expandQuery(this.pool, query.terms);
    if (!q) return { items: [], next: null, cursors: [] };
    const [k, id] = afterBound(page);
    const r = await this.pool.query(DROPS, [q, k, id, page.limit + 1]);
    return rankedPage(r.rows as Row[], page, toDrop);
  }
}
