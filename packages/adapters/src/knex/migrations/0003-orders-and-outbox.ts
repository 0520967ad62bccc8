import type { Knex } from 'knex';
import { isPostgres } from './dialect.js';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('orders', (t) => {
    t.string('id', 64).notNullable().primary();
    t.string('user_id', 64).notNullable().references('id').inTable('users');
    t.string('drop_id', 64).notNullable().references('id').inTable('drops');
    t.integer('quantity').notNullable();
    t.bigInteger('unit_price_cents').notNullable();
    t.bigInteger('total_cents').notNullable();
    t.string('currency', 3).notNullable();
    t.string('status', 16).notNullable();
    t.bigInteger('created_at').notNullable();
    t.index(['user_id', 'created_at', 'id'], 'orders_user_recent');
    t.index(['drop_id'], 'orders_drop');
  });

  // The per-user tally behind perUserLimit: one row per (drop, buyer), bumped by a
  // conditional upsert in the order's transaction. No foreign key: the hot path
  // should not pay a parent lookup, and the stock update already proves the drop.
  await knex.schema.createTable('drop_buyers', (t) => {
    t.string('drop_id', 64).notNullable();
    t.string('user_id', 64).notNullable();
    t.integer('quantity').notNullable();
    t.primary(['drop_id', 'user_id']);
  });

  await knex.schema.createTable('idempotency_keys', (t) => {
    t.string('user_id', 64).notNullable();
    t.string('key', 255).notNullable();
    t.text('fingerprint').notNullable();
    // JSON of the OrderOutcome replayed to a repeat (read back as text on both engines).
    if (isPostgres(knex)) t.jsonb('outcome').notNullable();
    else t.text('outcome').notNullable();
    t.bigInteger('created_at').notNullable();
    // The primary key is what turns a concurrent duplicate into idempotency_key_in_use.
    t.primary(['user_id', 'key']);
    t.index(['created_at'], 'idempotency_keys_age'); // the sweeper's purgeBefore
  });

  await knex.schema.createTable('outbox', (t) => {
    // The relay publishes in seq order, which keeps each drop's events in commit order.
    if (isPostgres(knex)) {
      // A sequence hands out numbers in insert order, not commit order: a lower one can
      // commit after a higher one was read, and a stream resumed past it would miss it. So
      // on Postgres `row_id` is only the insert order, and `seq` (the position every feed,
      // cursor and resume uses) is assigned after commit, in visibility order, by the
      // outbox sequencer (postgres/pg-outbox-sequencer.ts). Until then it is NULL.
      t.bigIncrements('row_id', { primaryKey: true });
      t.bigInteger('seq').nullable().unique({ indexName: 'outbox_seq_unique' });
    } else {
      // SQLite's single writer commits in insert order, so the row id is the position.
      t.increments('seq').primary();
    }
    t.string('id', 64).notNullable().unique({ indexName: 'outbox_event_id_unique' });
    t.string('type', 32).notNullable();
    t.string('drop_id', 64).notNullable();
    t.string('creator_id', 64).notNullable();
    t.string('user_id', 64).nullable();
    if (isPostgres(knex)) t.jsonb('data').notNullable();
    else t.text('data').notNullable(); // JSON
    t.bigInteger('created_at').notNullable();
    t.bigInteger('published_at').nullable();
    // Only the backlog is indexed, so the relay's scan stays small however long the table grows.
    t.index(['seq'], 'outbox_unpublished', { predicate: knex.whereNull('published_at') });
  });
  // The sequencer's backlog: rows committed but not yet given a position.
  if (isPostgres(knex)) await knex.raw('CREATE INDEX outbox_unsequenced ON outbox (row_id) WHERE seq IS NULL');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('outbox');
  await knex.schema.dropTable('idempotency_keys');
  await knex.schema.dropTable('drop_buyers');
  await knex.schema.dropTable('orders');
}
