import type { Drop, Page, PageRequest, Product, SearchIndex, SearchQuery } from '@livedrops/core';
import type pg from 'pg';
import type { Row } from '../knex/knex-rows.js';
import { toDrop, toProduct } from '../knex/knex-rows.js';
import { afterBound, rankedPage, rankSql } from '../search/search-page.js';

// The generated `search` tsvector (title weighted A) answers both the match and, restricted
// to weight A, the title tier. ts_rank is not the order: the tier keeps cursors stable.
const TIER = `p.search @@ to_tsquery('simple', ld_fold($2))`;
const KEYSET = `s WHERE $3::bigint IS NULL OR s.rank_key < $3 OR (s.rank_key = $3 AND s.id < $4)
  ORDER BY s.rank_key DESC, s.id DESC LIMIT $5`;
const PRODUCTS = `SELECT * FROM (SELECT p.*, ${rankSql(TIER, 'p.created_at')} AS rank_key
  FROM products p WHERE p.search @@ to_tsquery('simple', ld_fold($1))) ${KEYSET}`;
const DROPS = `SELECT * FROM (SELECT d.*, p.title AS product_title, p.image AS product_image,
  ${rankSql(TIER, 'd.created_at')} AS rank_key
  FROM products p JOIN drops d ON d.product_id = p.id WHERE p.search @@ to_tsquery('simple', ld_fold($1))) ${KEYSET}`;

/** tsquery text: terms joined by AND, the last a prefix; `weight` restricts to A (title). */
function tsQuery(terms: readonly string[], weight = ''): string {
  return terms.map((t, i) => `'${t.replace(/'/g, "''")}':${i === terms.length - 1 ? '*' : ''}${weight}`).join(' & ');
}

/** Search on PostgreSQL: the generated tsvector and GIN index of the 0009 migration. */
export class PgSearchIndex implements SearchIndex {
  constructor(private readonly pool: pg.Pool) {}

  private async run(sql: string, query: SearchQuery, page: PageRequest): Promise<Row[]> {
    const [k, id] = afterBound(page);
    const r = await this.pool.query(sql, [tsQuery(query.terms), tsQuery(query.terms, 'A'), k, id, page.limit + 1]);
    return r.rows as Row[];
  }

  async products(query: SearchQuery, page: PageRequest): Promise<Page<Product>> {
    return rankedPage(await this.run(PRODUCTS, query, page), page, toProduct);
  }

  async drops(query: SearchQuery, page: PageRequest): Promise<Page<Drop>> {
    return rankedPage(await this.run(DROPS, query, page), page, toDrop);
  }
}
