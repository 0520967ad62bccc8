import type { Drop, Page, PageRequest, Product, SearchIndex, SearchQuery } from '@livedrops/core';
import type { Row } from '../knex/knex-rows.js';
import { toDrop, toProduct } from '../knex/knex-rows.js';
import { afterBound, rankedPage, rankSql } from '../search/search-page.js';
import type { SqliteConnections } from './sqlite-connections.js';
import { stmt } from './sqlite-statements.js';

// FTS5 finds the matches; the title tier is a second MATCH restricted to the title column,
// evaluated once per statement. bm25 is not used: it moves with the corpus, cursors would not.
const TIER = 'p.rowid IN (SELECT rowid FROM products_fts WHERE products_fts MATCH @title)';
const KEYSET = 'WHERE @k IS NULL OR rank_key < @k OR (rank_key = @k AND id < @id) ORDER BY rank_key DESC, id DESC LIMIT @n';
const PRODUCTS = `SELECT * FROM (SELECT p.*, ${rankSql(TIER, 'p.created_at')} AS rank_key
  FROM products_fts JOIN products p ON p.rowid = products_fts.rowid WHERE products_fts MATCH @q) ${KEYSET}`;
const DROPS = `SELECT * FROM (SELECT d.*, p.title AS product_title, p.image AS product_image,
  ${rankSql(TIER, 'd.created_at')} AS rank_key
  FROM products_fts JOIN products p ON p.rowid = products_fts.rowid JOIN drops d ON d.product_id = p.id
  WHERE products_fts MATCH @q) ${KEYSET}`;

/** FTS5 query text: every term a quoted token (no operator can be smuggled in), the last one a prefix. */
function ftsQuery(terms: readonly string[]): string {
  return terms.map((t, i) => `"${t.replace(/"/g, '""')}"${i === terms.length - 1 ? '*' : ''}`).join(' ');
}

/** Search on the embedded engine: the FTS5 table the 0009 migration's triggers keep in step. */
export class SqliteSearchIndex implements SearchIndex {
  constructor(private readonly connections: SqliteConnections) {}

  private async run(sql: string, query: SearchQuery, page: PageRequest): Promise<Row[]> {
    const q = ftsQuery(query.terms);
    const [k, id] = afterBound(page);
    const params = { q, title: `title : (${q})`, k, id, n: page.limit + 1 };
    return this.connections.read((conn) => stmt(conn, sql).all(params) as Row[]);
  }

  async products(query: SearchQuery, page: PageRequest): Promise<Page<Product>> {
    return rankedPage(await this.run(PRODUCTS, query, page), page, toProduct);
  }

  async drops(query: SearchQuery, page: PageRequest): Promise<Page<Drop>> {
    return rankedPage(await this.run(DROPS, query, page), page, toDrop);
  }
}
