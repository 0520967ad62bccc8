import type { Knex } from 'knex';
import { isPostgres } from './dialect.js';

// Invariants the use cases already keep, stated again where a buggy writer cannot get
// past them. Postgres only: SQLite can add a CHECK only by rebuilding the table, and its
// databases exist already; there the domain code and `drops_sold_within_total` stand.
const CHECKS: Array<[table: string, name: string, condition: string]> = [
  ['products', 'products_price_positive', 'price_cents > 0'],
  ['drops', 'drops_total_positive', 'total > 0'],
  ['drops', 'drops_window_ordered', 'starts_at < ends_at'],
  ['drops', 'drops_per_user_limit_positive', 'per_user_limit IS NULL OR per_user_limit > 0'],
  ['drops', 'drops_low_stock_nonnegative', 'low_stock_threshold >= 0'],
  ['orders', 'orders_quantity_positive', 'quantity > 0'],
  ['orders', 'orders_total_is_price_times_quantity', 'total_cents = unit_price_cents * quantity'],
  ['drop_buyers', 'drop_buyers_quantity_positive', 'quantity > 0'],
  ['outbox', 'outbox_fanout_known', "fanout IS NULL OR fanout IN ('write', 'read')"],
];

export async function up(knex: Knex): Promise<void> {
  if (!isPostgres(knex)) return;
  for (const [table, name, condition] of CHECKS)
    await knex.raw(`ALTER TABLE ?? ADD CONSTRAINT ?? CHECK (${condition})`, [table, name]);
}

export async function down(knex: Knex): Promise<void> {
  if (!isPostgres(knex)) return;
  for (const [table, name] of [...CHECKS].reverse()) await knex.raw('ALTER TABLE ?? DROP CONSTRAINT ??', [table, name]);
}
