import type { Knex } from 'knex';

// A drop's dashboard (GET /v1/drops/{id}/stats) reads its orders by time and its follower
// events. The orders index replaces `orders_drop` (its prefix serves every drop_id lookup):
// the last seconds' orders are one range, the first and last order its ends. The outbox
// index is partial: only follower events (three at most per drop) enter it, so the order
// path's personal events pay nothing for it.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX orders_drop_time ON orders (drop_id, created_at)');
  await knex.raw('DROP INDEX orders_drop');
  await knex.raw('CREATE INDEX outbox_follower_events ON outbox (drop_id, created_at) WHERE user_id IS NULL');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX outbox_follower_events');
  await knex.raw('CREATE INDEX orders_drop ON orders (drop_id)');
  await knex.raw('DROP INDEX orders_drop_time');
}
