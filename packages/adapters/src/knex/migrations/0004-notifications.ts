import type { Knex } from 'knex';

// The outbox is also the durable event log behind every inbox (see NotificationFeed):
// personal events are read from it by recipient, celebrity events by creator, and inbox
// rows only point into it by position. So it is never purged while inboxes need it.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('outbox', (t) => {
    // 'write' | 'read' on follower events, decided when the row is written; null on personal ones.
    t.string('fanout', 8).nullable();
  });
  // Literal predicates, not bound values: a partial index is only usable when the planner
  // can prove the query's WHERE implies it, which a `?` would hide.
  await knex.raw('CREATE INDEX outbox_personal ON outbox (user_id, seq) WHERE user_id IS NOT NULL');
  await knex.raw("CREATE INDEX outbox_fanout_read ON outbox (creator_id, seq) WHERE fanout = 'read'");

  // Fan-out on write: one row per (follower, event). The key makes redelivery a no-op and
  // is the inbox's newest-first scan; the event itself stays in the outbox.
  await knex.schema.createTable('inbox', (t) => {
    t.string('user_id', 64).notNullable();
    t.bigInteger('seq').notNullable();
    t.primary(['user_id', 'seq']);
  });

  // Stream tickets, stored as hashes like bearer tokens; any instance can redeem one.
  await knex.schema.createTable('stream_tickets', (t) => {
    t.string('hash', 128).notNullable().primary();
    t.string('user_id', 64).notNullable();
    t.bigInteger('expires_at').notNullable();
    t.index(['expires_at'], 'stream_tickets_expiry');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('stream_tickets');
  await knex.schema.dropTable('inbox');
  await knex.raw('DROP INDEX outbox_fanout_read');
  await knex.raw('DROP INDEX outbox_personal');
  await knex.schema.alterTable('outbox', (t) => t.dropColumn('fanout'));
}
