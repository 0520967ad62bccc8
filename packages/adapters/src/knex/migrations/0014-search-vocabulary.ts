import type { Knex } from 'knex';
import { isPostgres } from './dialect.js';

// PostgreSQL: every lexeme the products' search vectors hold, so a query's last word, typed as
// a prefix, becomes the exact words it stands for. GIN answers exact words by stepping through
// posting lists; a prefix (`vin:*`) makes it read every posting of every matching word first,
// tens of milliseconds for a common word at a million products. "C" collation: byte order, so
// a prefix is a range of the primary key. Words are never removed: one that no product holds
// any more expands to nothing GIN can find, at no cost. Statement-level triggers keep a bulk
// insert to one pass over its transition table. SQLite's FTS5 walks its own term index.
// Also a title-only vector under its own GIN index: GIN cannot filter by weight, so "in the
// title" through the weighted vector fetches every row holding the word anywhere, then drops
// the description-only ones (a word common in descriptions made that hundreds of milliseconds).
export async function up(knex: Knex): Promise<void> {
  if (!isPostgres(knex)) return;
  // Rewriting and indexing a large catalogue outlasts the pool's statement timeout (this
  // migration's transaction only).
  await knex.raw('SET LOCAL statement_timeout = 0');
  await knex.raw(`ALTER TABLE products ADD COLUMN title_search tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', ld_fold(title))) STORED`);
  await knex.raw('CREATE INDEX products_title_search ON products USING gin (title_search)');
  await knex.raw('CREATE TABLE search_words (word text COLLATE "C" PRIMARY KEY)');
  await knex.raw(`CREATE FUNCTION ld_learn_words() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    INSERT INTO search_words SELECT DISTINCT unnest(tsvector_to_array(search)) FROM changed ON CONFLICT DO NOTHING;
    RETURN NULL; END $$`);
  for (const op of ['INSERT', 'UPDATE']) {
    await knex.raw(`CREATE TRIGGER products_learn_words_${op.toLowerCase()} AFTER ${op} ON products
      REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ld_learn_words()`);
  }
  await knex.raw('INSERT INTO search_words SELECT DISTINCT unnest(tsvector_to_array(search)) FROM products');
}

export async function down(knex: Knex): Promise<void> {
  if (!isPostgres(knex)) return;
  for (const op of ['insert', 'update']) await knex.raw(`DROP TRIGGER products_learn_words_${op} ON products`);
  await knex.raw('DROP FUNCTION ld_learn_words()');
  await knex.raw('DROP TABLE search_words');
  await knex.raw('DROP INDEX products_title_search');
  await knex.raw('ALTER TABLE products DROP COLUMN title_search');
}
