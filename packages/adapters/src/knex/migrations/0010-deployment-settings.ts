import type { Knex } from 'knex';

// Per-deployment values every instance must share, made once on first start (the cursor
// signing key when CURSOR_SECRET is not given). Written once, never updated.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('deployment_settings', (t) => {
    t.string('name', 64).notNullable().primary();
    t.text('value').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('deployment_settings');
}
