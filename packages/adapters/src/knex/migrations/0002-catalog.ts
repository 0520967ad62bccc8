import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('products', (t) => {
    t.string('id', 64).notNullable().primary();
    t.string('creator_id', 64).notNullable().references('id').inTable('users');
    t.text('title').notNullable();
    t.text('description').nullable();
    t.bigInteger('price_cents').notNullable();
    t.string('currency', 3).notNullable();
    t.bigInteger('created_at').notNullable();
    t.index(['creator_id', 'created_at', 'id'], 'products_creator_recent');
    t.index(['created_at', 'id'], 'products_recent');
  });

  await knex.schema.createTable('drops', (t) => {
    t.string('id', 64).notNullable().primary();
    t.string('creator_id', 64).notNullable().references('id').inTable('users');
    t.string('product_id', 64).notNullable().references('id').inTable('products');
    // Copied from the product at creation: later price edits do not reach a scheduled drop.
    t.bigInteger('price_cents').notNullable();
    t.string('currency', 3).notNullable();
    t.bigInteger('starts_at').notNullable();
    t.bigInteger('ends_at').notNullable();
    t.integer('total').notNullable();
    t.integer('sold').notNullable().defaultTo(0);
    t.integer('per_user_limit').nullable();
    t.integer('low_stock_threshold').notNullable();
    t.bigInteger('cancelled_at').nullable();
    t.bigInteger('started_at').nullable();
    t.bigInteger('created_at').notNullable();
    // The last line of defence against oversell: even a buggy writer cannot commit it.
    t.check('?? >= 0 AND ?? <= ??', ['sold', 'sold', 'total'], 'drops_sold_within_total');
    // One index per list order (upcoming/live walk starts_at, ended walks ends_at, all walks created_at).
    t.index(['starts_at', 'id'], 'drops_by_start');
    t.index(['ends_at', 'id'], 'drops_by_end');
    t.index(['created_at', 'id'], 'drops_recent');
    t.index(['creator_id', 'starts_at', 'id'], 'drops_creator_by_start');
    t.index(['creator_id', 'ends_at', 'id'], 'drops_creator_by_end');
    t.index(['creator_id', 'created_at', 'id'], 'drops_creator_recent');
    t.index(['product_id'], 'drops_product');
    // The scheduler polls this; once a drop has started it leaves the (partial) index.
    t.index(['starts_at', 'id'], 'drops_due_to_start', { predicate: knex.whereNull('started_at') });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('drops');
  await knex.schema.dropTable('products');
}
