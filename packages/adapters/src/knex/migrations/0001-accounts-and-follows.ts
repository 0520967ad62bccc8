import type { Knex } from 'knex';

// Times are epoch milliseconds in bigint columns (INTEGER in SQLite); ids are opaque
// text made by the use cases, so no engine-specific uuid type is needed.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.string('id', 64).notNullable().primary();
    // The unique index, not a read-before-write, decides `handle_taken` under races.
    t.string('handle', 64).notNullable().unique({ indexName: 'users_handle_unique' });
    t.string('display_name', 255).notNullable();
    t.boolean('is_creator').notNullable();
    t.text('password_hash').notNullable();
    // Maintained with each follow/unfollow in the same transaction: profiles never COUNT(*).
    t.integer('follower_count').notNullable().defaultTo(0);
    t.bigInteger('created_at').notNullable();
    t.check('?? >= 0', ['follower_count'], 'users_follower_count_nonnegative');
  });

  await knex.schema.createTable('sessions', (t) => {
    t.string('token_hash', 128).notNullable().primary();
    t.string('user_id', 64).notNullable().references('id').inTable('users');
    t.bigInteger('created_at').notNullable();
    t.bigInteger('revoked_at').nullable();
    t.index(['user_id'], 'sessions_user');
  });

  await knex.schema.createTable('follows', (t) => {
    t.string('creator_id', 64).notNullable().references('id').inTable('users');
    t.string('follower_id', 64).notNullable().references('id').inTable('users');
    t.bigInteger('followed_at').notNullable();
    // Also serves followerIds(): one creator's followers in id order, for fan-out batches.
    t.primary(['creator_id', 'follower_id']);
    // Newest-first keyset walks; an ascending index is read backwards for DESC, DESC.
    t.index(['creator_id', 'followed_at', 'follower_id'], 'follows_creator_recent');
    t.index(['follower_id', 'followed_at', 'creator_id'], 'follows_follower_recent');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('follows');
  await knex.schema.dropTable('sessions');
  await knex.schema.dropTable('users');
}
