import type { Knex } from 'knex';

// The revocation poll reads `revoked_at >= t` (session-cache.ts), never the live sessions,
// so its index holds only revoked rows. A full index let the planner, on stale statistics
// (right after a burst of sign-ups), AND a scan of every live session's `revoked_at IS NULL`
// entry into each session lookup: 15 ms for 300,000 sessions instead of 0.5.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX sessions_revoked');
  await knex.raw('CREATE INDEX sessions_revoked ON sessions (revoked_at) WHERE revoked_at IS NOT NULL');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX sessions_revoked');
  await knex.raw('CREATE INDEX sessions_revoked ON sessions (revoked_at)');
}
