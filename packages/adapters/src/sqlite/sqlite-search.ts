import type { Drop, KeyedPage, PageRequest, Product, SearchIndex, SearchQuery } from '@livedrops/core';
import type { Row } from '../knex/knex-rows.js';
import { toDrop, toProduct } from '../knex/knex-rows.js';
import { afterBound, rankedPage, rankSql, tieredRows } from '../search/search-page.js';
import type { SqliteConnections } from './sqlite-connections.js';
import { stmt } from './sqlite-statements.js';

// Products: each tier is one FTS5 query walking its doclists in rowid order, newest first (a
// product's rowid is its insertion rank: products are never re-inserted and nothing here runs
// VACUUM), stopping at the page's size however common the words are. The tier-local order key
// is that rowid. bm25 is not used: it moves with the corpus, cursors would not.
const TIER_PRODUCTS = `SELECT p.*, p.rowid AS rank_at FROM products p WHERE p.rowid IN (SELECT rowid FROM products_fts
  WHERE products_fts MATCH @m AND rowid < @at ORDER BY rowid DESC LIMIT @n) ORDER BY p.rowid DESC`;
// Drops are few beside products: one statement, the tier computed per match.
const TIER = 'p.rowid IN (SELECT rowid FROM products_fts WHERE products_fts MATCH @title)';
const KEYSET = `WHERE @k IS NULL OR rank_key < @k OR (rank_key = @k AND id < @id)
  ORDER BY rank_key DESC, id DESC LIMIT @n`;
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

  async products(query: SearchQuery, page: PageRequest): Promise<KeyedPage<Product>> {
    const q = ftsQuery(query.terms);
    const title = `title : (${q})`;
    const rows = await tieredRows(page, async (inTitle, bound, n) => {
      const params = { m: inTitle ? title : `(${q}) NOT (${title})`, at: bound?.at ?? Number.MAX_SAFE_INTEGER, n };
      return this.connections.read((conn) => stmt(conn, TIER_PRODUCTS).all(params) as Row[]);
    });
    return rankedPage(rows, page, toProduct);
  }

  async drops(query: SearchQuery, page: PageRequest): Promise<KeyedPage<Drop>> {
    const q = ftsQuery(query.terms);
    const [k, id] = afterBound(page);
    const params = { q, title: `title : (${q})`, k, id, n: page.limit + 1 };
    const rows = await this.connections.read((conn) => stmt(conn, DROPS).all(params) as Row[]);
    return rankedPage(rows, page, toDrop);
  }
}
