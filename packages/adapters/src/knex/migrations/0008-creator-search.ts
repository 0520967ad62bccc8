import { searchKey } from '@livedrops/core';
import type { Knex } from 'knex';
import { isPostgres } from './dialect.js';

// Fans find creators by what they type (GET /v1/creators?q=): a prefix of the handle or of
// the display name with accents and case folded (core's `searchKey`). Neither engine folds
// accents the way JavaScript does, so the folded name is a column the adapters write; this
// fills it for the creators that exist. Followers seeded in bulk leave it NULL: only creators
// are searched. Both indexes are partial (creators are few among millions of followers) and
// in code point order (Postgres "C" collation, SQLite's binary), so a prefix is one range.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => t.text('name_key').nullable());
  const creators = (await knex('users').where('is_creator', true).select('id', 'display_name')) as Array<{
    id: string;
    display_name: string;
  }>;
  for (const c of creators)
    await knex('users')
      .where({ id: c.id })
      .update({ name_key: searchKey(c.display_name) });
  const c = (column: string): string => (isPostgres(knex) ? `(${column} COLLATE "C")` : column);
  await knex.raw(`CREATE INDEX users_creator_handle ON users (${c('handle')}) WHERE is_creator`);
  await knex.raw(`CREATE INDEX users_creator_name ON users (${c('name_key')}, ${c('handle')}) WHERE is_creator`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX users_creator_name');
  await knex.raw('DROP INDEX users_creator_handle');
  await knex.schema.alterTable('users', (t) => t.dropColumn('name_key'));
}
