import type { Knex } from 'knex';
import { isPostgres } from './dialect.js';
import { ORDER_BATCH_V2 } from './0011-order-batch-v2.js';

// Checkout (api.md 1.1 "Checkout", "Waitlist"): timed holds, payments, the waitlist.
// - drops: `checkout` and `hold_seconds` (fixed at creation); `returned` and `paid` count
//   units ever given back by holds and ever paid for (they only grow: caches floor them);
//   `lines_fired` records which stock line events fired (1 low, 2 sold out), since units
//   that come back can cross a line a second time.
// - orders: a hold's deadline (kept after it passes), the payment that confirmed it.
// - payments: one row per authorization attempt, its state machine (core payments/payment.ts).
// - waitlist: who waits for returned units of which drop, in join order.
// - sandbox_gateway: the sandbox card processor's own ledger (adapters/src/payments), kept in
//   the deployment's database so every instance, before and after a restart, sees one processor.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('drops', (t) => {
    t.string('checkout', 8).notNullable().defaultTo('instant');
    t.integer('hold_seconds').nullable();
    t.integer('returned').notNullable().defaultTo(0);
    t.integer('paid').notNullable().defaultTo(0);
    t.integer('lines_fired').notNullable().defaultTo(0);
  });
  await knex.schema.alterTable('orders', (t) => {
    t.bigInteger('expires_at').nullable();
    t.string('payment_id', 64).nullable();
    t.bigInteger('ended_at').nullable();
  });
  // The expiry loop's scan: only open holds are in it.
  await knex.raw(`CREATE INDEX orders_held_due ON orders (expires_at, id) WHERE status = 'held'`);
  await knex.schema.createTable('payments', (t) => {
    t.string('id', 64).notNullable().primary();
    t.string('order_id', 64).notNullable().references('id').inTable('orders');
    t.string('user_id', 64).notNullable();
    t.string('drop_id', 64).notNullable();
    t.string('request_key', 255).notNullable();
    t.string('method', 128).notNullable();
    t.bigInteger('amount_cents').notNullable();
    t.string('currency', 3).notNullable();
    t.string('status', 16).notNullable();
    t.string('authorization_id', 128).nullable();
    t.string('decline_code', 64).nullable();
    t.integer('attempts').notNullable().defaultTo(0);
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.bigInteger('lease_until').notNullable();
    t.index(['order_id', 'request_key'], 'payments_request');
    t.index(['drop_id'], 'payments_drop');
  });
  // The settle loop's scan: only payments that still owe the gateway a call are in it.
  await knex.raw(
    `CREATE INDEX payments_unsettled ON payments (lease_until) WHERE status IN ('authorizing', 'authorized', 'voiding')`,
  );
  await knex.schema.createTable('waitlist', (t) => {
    t.string('drop_id', 64).notNullable().references('id').inTable('drops');
    t.string('user_id', 64).notNullable().references('id').inTable('users');
    t.bigInteger('joined_at').notNullable();
    t.primary(['drop_id', 'user_id']);
    t.index(['drop_id', 'joined_at', 'user_id'], 'waitlist_join_order');
    t.index(['user_id', 'joined_at', 'drop_id'], 'waitlist_user_recent');
  });
  await knex.schema.createTable('sandbox_gateway', (t) => {
    t.string('key', 64).notNullable().primary();
    t.string('method', 128).notNullable();
    t.bigInteger('amount_cents').notNullable();
    t.string('currency', 3).notNullable();
    t.string('status', 16).notNullable();
    t.string('authorization_id', 64).nullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
  });
  if (isPostgres(knex)) await postgresUp(knex);
}

const CHECKS: Array<[table: string, name: string, condition: string]> = [
  ['drops', 'drops_checkout_known', "checkout IN ('instant', 'pay')"],
  ['drops', 'drops_hold_seconds_with_pay', "(checkout = 'pay') = (hold_seconds IS NOT NULL)"],
  ['drops', 'drops_counters_nonnegative', 'returned >= 0 AND paid >= 0'],
  ['orders', 'orders_status_known', "status IN ('held', 'confirmed', 'cancelled', 'expired')"],
  ['orders', 'orders_hold_has_deadline', "status <> 'held' OR expires_at IS NOT NULL"],
  [
    'payments',
    'payments_status_known',
    "status IN ('authorizing', 'declined', 'authorized', 'captured', 'failed', 'voiding', 'voided')",
  ],
];

async function postgresUp(knex: Knex): Promise<void> {
  for (const [table, name, condition] of CHECKS)
    await knex.raw(`ALTER TABLE ?? ADD CONSTRAINT ?? CHECK (${condition})`, [table, name]);
  await knex.raw(ORDER_BATCH_V2);
}

export async function down(knex: Knex): Promise<void> {
  if (isPostgres(knex)) {
    await knex.raw('DROP FUNCTION livedrops_order_batch_v2');
    for (const [table, name] of [...CHECKS].reverse())
      await knex.raw('ALTER TABLE ?? DROP CONSTRAINT ??', [table, name]);
  }
  await knex.schema.dropTable('sandbox_gateway');
  await knex.schema.dropTable('waitlist');
  await knex.raw('DROP INDEX payments_unsettled');
  await knex.schema.dropTable('payments');
  await knex.raw('DROP INDEX orders_held_due');
  await knex.schema.alterTable('orders', (t) => t.dropColumns('expires_at', 'payment_id', 'ended_at'));
  await knex.schema.alterTable('drops', (t) =>
    t.dropColumns('checkout', 'hold_seconds', 'returned', 'paid', 'lines_fired'),
  );
}
