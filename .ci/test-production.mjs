#!/usr/bin/env node
// The HTTP suite again on the production profile: the same specs, the server on a
// PostgreSQL database of this run's own (created here, dropped at the end, also after a
// failure or Ctrl-C). Run after `tsc -b`, from `pnpm run test:only`.
// Under CI=true a missing PostgreSQL fails the run; elsewhere it is skipped with one loud line.
// Later services of the profile (REDIS_URL, AMQP_URL) join the child's env below.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { createTestDatabase, mustHavePostgres, probePostgres } = await import(`${root}packages/adapters/dist/test/postgres/pg-test-database.js`);

const problem = await probePostgres();
if (problem) {
  if (mustHavePostgres()) {
    console.error(`test-production: PostgreSQL is required under CI and not reachable: ${problem}`);
    process.exit(1);
  }
  console.warn(`\n!!! PostgreSQL not reachable (${problem}): the HTTP suite on the production profile is SKIPPED (CI=true makes this a failure)\n`);
  process.exit(0);
}

const db = await createTestDatabase();
console.log(`\nHTTP suite on the production profile (PostgreSQL database ${db.name})`);
const mocha = spawn(
  process.execPath,
  [`${root}node_modules/mocha/bin/mocha.js`, '--no-config', '--timeout', '20000', '--exit', 'packages/http/dist/test/**/*.spec.js'],
  { cwd: root, stdio: 'inherit', env: { ...process.env, TEST_PROFILE: 'production', TEST_DATABASE_URL: db.url } },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => mocha.kill(signal));
const code = await new Promise((resolve) => mocha.once('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
await db.drop().catch((e) => console.error(`test-production: could not drop ${db.name}: ${e.message}`));
process.exit(code);
