import type { Knex } from 'knex';
import { isPostgres } from './dialect.js';

// Product pictures and full-text search (api.md "Media", "Search").
// - products.image: the current picture's blob keys as JSON; old blobs stay (old URLs keep working).
// - blobs (PostgreSQL only; SQLite keeps files in a directory): content-addressed bytes, one row per sha256.
// - Search indexes that the engine keeps up to date in the transaction that writes the product:
//   SQLite an external-content FTS5 table fed by triggers (unicode61 folds case and accents);
//   PostgreSQL a generated tsvector (title weighted A, description B) under a GIN index.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('products', (t) => t.text('image').nullable());
  if (isPostgres(knex)) await postgresUp(knex);
  else await sqliteUp(knex);
}

async function sqliteUp(knex: Knex): Promise<void> {
  // Rows are found by products' rowid: nothing here runs VACUUM (which may renumber it);
  // `INSERT INTO products_fts(products_fts) VALUES ('rebuild')` re-derives the index if one does.
  await knex.raw(`CREATE VIRTUAL TABLE products_fts USING fts5(title, description, content='products',
    content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')`);
  await knex.raw(`CREATE TRIGGER products_fts_insert AFTER INSERT ON products BEGIN
    INSERT INTO products_fts(rowid, title, description) VALUES (new.rowid, new.title, new.description); END`);
  await knex.raw(`CREATE TRIGGER products_fts_delete AFTER DELETE ON products BEGIN
    INSERT INTO products_fts(products_fts, rowid, title, description) VALUES ('delete', old.rowid, old.title, old.description); END`);
  await knex.raw(`CREATE TRIGGER products_fts_update AFTER UPDATE OF title, description ON products BEGIN
    INSERT INTO products_fts(products_fts, rowid, title, description) VALUES ('delete', old.rowid, old.title, old.description);
    INSERT INTO products_fts(rowid, title, description) VALUES (new.rowid, new.title, new.description); END`);
  await knex.raw(`INSERT INTO products_fts(products_fts) VALUES ('rebuild')`);
}

async function postgresUp(knex: Knex): Promise<void> {
  await knex.schema.createTable('blobs', (t) => {
    t.text('key').primary();
    t.binary('bytes').notNullable();
    t.integer('size').notNullable();
  });
  // Accent folding must be IMMUTABLE to sit in a generated column: unaccent (a trusted contrib
  // extension) behind a wrapper that names its dictionary, else a fixed Latin-1 translate table.
  const hasUnaccent = (await knex.raw(`SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent'`)).rows.length > 0;
  if (hasUnaccent) {
    await knex.raw('CREATE EXTENSION IF NOT EXISTS unaccent');
    await knex.raw(`CREATE FUNCTION ld_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$`);
  } else {
    await knex.raw(`CREATE FUNCTION ld_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT translate(lower($1), 'àáâãäåāçćčèéêëēėęìíîïīñńòóôõöøōùúûüūýÿžźżšśłß',
      'aaaaaaaccceeeeeeeiiiiinnooooooouuuuuyyzzzsslß') $$`);
  }
  await knex.raw(`ALTER TABLE products ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', ld_fold(title)), 'A') ||
    setweight(to_tsvector('simple', coalesce(ld_fold(description), '')), 'B')) STORED`);
  await knex.raw('CREATE INDEX products_search ON products USING gin (search)');
}

export async function down(knex: Knex): Promise<void> {
  if (isPostgres(knex)) {
    await knex.raw('DROP INDEX products_search');
    await knex.raw('ALTER TABLE products DROP COLUMN search');
    await knex.raw('DROP FUNCTION ld_fold(text)');
    await knex.schema.dropTable('blobs');
  } else {
    for (const t of ['insert', 'delete', 'update']) await knex.raw(`DROP TRIGGER products_fts_${t}`);
    await knex.raw('DROP TABLE products_fts');
  }
  await knex.schema.alterTable('products', (t) => t.dropColumn('image'));
}
