import type { Knex } from 'knex';
import { isPostgres } from './dialect.js';

// Fair access (api.md 1.1 "Fair access"): queue and draw drops, verifiable shuffles, followers first.
// - drops: `access`, `followers_first_until`, the draw's entry window, the seed's public
//   `fairness_commitment`; `shuffle_at` (when the drop's shuffle is due: the draw's close or
//   the queue's start) and `shuffled_at` (set once, by the transaction that published it).
// - fair_seeds: the secret seed, apart from the drop row so no drop read ever carries it.
// - fair_shuffles: the published shuffle (the revealed seed and the order, as JSON).
// - draw_entries: one per user and draw; `rank` is the place in the drawn order, `granted_at`
//   when the entry was given its chance (a hold, or the right to order).
// - queue_entries: one per user and waiting room; `rank` orders the line (null for a pre-queue
//   entry until the start's shuffle), `state` waiting → admitted | closed, the pass, the order
//   key it is bound to and when that order committed (`spent_at`), and what the user was last
//   told of their position.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('drops', (t) => {
    t.string('access', 8).notNullable().defaultTo('open');
    t.bigInteger('followers_first_until').nullable();
    t.bigInteger('entries_open_at').nullable();
    t.bigInteger('entries_close_at').nullable();
    t.string('fairness_commitment', 64).nullable();
    t.bigInteger('shuffle_at').nullable();
    t.bigInteger('shuffled_at').nullable();
  });
  // The shuffle loop's scan: only drops whose shuffle is still to come are in it.
  await knex.raw(
    'CREATE INDEX drops_shuffle_due ON drops (shuffle_at, id) WHERE shuffled_at IS NULL AND shuffle_at IS NOT NULL',
  );
  await knex.schema.createTable('fair_seeds', (t) => {
    t.string('drop_id', 64).notNullable().primary().references('id').inTable('drops');
    t.string('seed', 64).notNullable();
  });
  await knex.schema.createTable('fair_shuffles', (t) => {
    t.string('drop_id', 64).notNullable().primary().references('id').inTable('drops');
    t.string('seed', 64).notNullable();
    t.text('order_ids').notNullable();
    t.bigInteger('shuffled_at').notNullable();
  });
  await knex.schema.createTable('draw_entries', (t) => {
    t.string('drop_id', 64).notNullable().references('id').inTable('drops');
    t.string('user_id', 64).notNullable().references('id').inTable('users');
    t.string('id', 64).notNullable().unique();
    t.bigInteger('entered_at').notNullable();
    t.integer('rank').nullable();
    t.bigInteger('granted_at').nullable();
    t.primary(['drop_id', 'user_id']);
    t.index(['drop_id', 'rank'], 'draw_entries_rank');
  });
  await knex.schema.createTable('queue_entries', (t) => {
    t.string('drop_id', 64).notNullable().references('id').inTable('drops');
    t.string('user_id', 64).notNullable().references('id').inTable('users');
    t.bigInteger('joined_at').notNullable();
    t.bigInteger('rank').nullable();
    t.string('state', 8).notNullable().defaultTo('waiting');
    t.string('pass', 80).nullable();
    t.bigInteger('pass_expires_at').nullable();
    t.bigInteger('admitted_at').nullable();
    t.string('used_key', 255).nullable();
    t.bigInteger('spent_at').nullable();
    t.integer('told_position').nullable();
    t.integer('told_eta').nullable();
    t.bigInteger('told_at').nullable();
    t.primary(['drop_id', 'user_id']);
    t.index(['drop_id', 'admitted_at'], 'queue_entries_admitted');
  });
  // The line, and the admission loop's scan of rooms with someone waiting: waiting entries only.
  await knex.raw("CREATE INDEX queue_line ON queue_entries (drop_id, rank, user_id) WHERE state = 'waiting'");
  if (isPostgres(knex)) {
    for (const [table, name, condition] of CHECKS)
      await knex.raw(`ALTER TABLE ?? ADD CONSTRAINT ?? CHECK (${condition})`, [table, name]);
  }
}

const CHECKS: Array<[table: string, name: string, condition: string]> = [
  ['drops', 'drops_access_known', "access IN ('open', 'queue', 'draw')"],
  ['drops', 'drops_draw_has_window', "(access = 'draw') = (entries_close_at IS NOT NULL)"],
  ['drops', 'drops_commitment_unless_open', "(access = 'open') = (fairness_commitment IS NULL)"],
  ['queue_entries', 'queue_entries_state_known', "state IN ('waiting', 'admitted', 'closed')"],
  ['queue_entries', 'queue_entries_admitted_has_pass', "(state = 'admitted') = (pass IS NOT NULL)"],
];

export async function down(knex: Knex): Promise<void> {
  if (isPostgres(knex)) {
    for (const [table, name] of [...CHECKS].reverse())
      await knex.raw('ALTER TABLE ?? DROP CONSTRAINT ??', [table, name]);
  }
  await knex.raw('DROP INDEX queue_line');
  await knex.schema.dropTable('queue_entries');
  await knex.schema.dropTable('draw_entries');
  await knex.schema.dropTable('fair_shuffles');
  await knex.schema.dropTable('fair_seeds');
  await knex.raw('DROP INDEX drops_shuffle_due');
  await knex.schema.alterTable('drops', (t) =>
    t.dropColumns(
      'access',
      'followers_first_until',
      'entries_open_at',
      'entries_close_at',
      'fairness_commitment',
      'shuffle_at',
      'shuffled_at',
    ),
  );
}
