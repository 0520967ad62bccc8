import type { Knex } from 'knex';
import { isPostgres } from './dialect.js';

// The one-statement order (postgres/pg-quiet-order.ts) is a single autocommit statement:
// when it finds half of its work undoable (the buyer's tally bumped but the stock refused,
// or the idempotency key already taken), calling this aborts it, and with it every row it
// wrote. A function, not an expression, so the planner cannot fold the error in early.
const DECLINE_CODE = 'LD001'; // pg-quiet-order.ts knows it too

export async function up(knex: Knex): Promise<void> {
  if (!isPostgres(knex)) return;
  await knex.raw(`CREATE FUNCTION livedrops_decline(reason text) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
    BEGIN RAISE EXCEPTION USING ERRCODE = '${DECLINE_CODE}', MESSAGE = 'livedrops: one-statement order declined: ' || reason; END $$`);
}

export async function down(knex: Knex): Promise<void> {
  if (!isPostgres(knex)) return;
  await knex.raw('DROP FUNCTION livedrops_decline(text)');
}
