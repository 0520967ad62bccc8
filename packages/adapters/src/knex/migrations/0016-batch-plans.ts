import type { Knex } from 'knex';
import { isPostgres } from './dialect.js';

// Every statement of the order batch touches a few rows by key (a drop, its buyers, the
// callers' idempotency records). On a table whose statistics are stale, as a fresh table's
// are until ANALYZE (and autovacuum may be off, or behind during a storm), the planner
// estimated idempotency_keys at a few hundred rows and hashed the whole table once per
// batch: 2–8 ms per statement after 2,000 orders, growing with every order. Without
// sequential scans it takes the primary key, whatever the statistics say.
export async function up(knex: Knex): Promise<void> {
  if (isPostgres(knex)) await knex.raw(`ALTER FUNCTION livedrops_order_batch_v2 SET enable_seqscan = off`);
}

export async function down(knex: Knex): Promise<void> {
  if (isPostgres(knex)) await knex.raw(`ALTER FUNCTION livedrops_order_batch_v2 RESET enable_seqscan`);
}
