#!/usr/bin/env node
// The HTTP suite again on the production profile, twice and side by side: on PostgreSQL
// alone and on PostgreSQL + Redis + RabbitMQ (each of REDIS_URL and AMQP_URL is optional and independent,
// api.md). The same specs; each pass's servers on a PostgreSQL database of its own (created
// here, dropped at its end, also after a failure or Ctrl-C), each server under its own Redis
// key prefix and RabbitMQ exchange. Run after `tsc -b`, from `pnpm run test:only`.
// Under CI=true a missing service fails the run; elsewhere that pass is skipped with one loud line.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { createTestDatabase, mustHavePostgres, probePostgres, probeTcp } = await import(
  `${root}packages/test-support/dist/src/index.js`
);
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const AMQP_URL = process.env.TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

function missing(what, problem) {
  if (mustHavePostgres()) {
    console.error(`test-production: ${what} is required under CI and not reachable: ${problem}`);
    process.exit(1);
  }
  console.warn(
    `\n!!! ${what} not reachable (${problem}): the HTTP suite on it is SKIPPED (CI=true makes this a failure)\n`,
  );
}

const pgProblem = await probePostgres();
if (pgProblem) {
  missing('PostgreSQL', pgProblem);
  process.exit(0);
}
const redisProblem = await probeTcp(REDIS_URL, 6379);
const amqpProblem = await probeTcp(AMQP_URL, 5672);
if (redisProblem) missing(`Redis (${REDIS_URL})`, redisProblem);
if (amqpProblem) missing(`RabbitMQ (${AMQP_URL})`, amqpProblem);

const passes = [{ label: 'PostgreSQL', env: {} }];
if (!redisProblem && !amqpProblem)
  passes.push({ label: 'PostgreSQL + Redis + RabbitMQ', env: { TEST_REDIS_URL: REDIS_URL, TEST_AMQP_URL: AMQP_URL } });

// The passes run side by side (each on its own database, key prefix and exchange), their
// output held and printed whole as each ends, so the two never interleave.
const children = new Set();
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => children.forEach((c) => c.kill(signal)));
const codes = await Promise.all(passes.map(runPass));
process.exit(codes.find((c) => c !== 0) ?? 0);

async function runPass(pass) {
  const db = await createTestDatabase();
  const child = spawn(
    process.execPath,
    // picocolors (mocha's tick marks) colours whenever CI is set; a log file wants none.
    [
      `${root}node_modules/mocha/bin/mocha.js`,
      '--no-config',
      '--timeout',
      '20000',
      '--exit',
      ...(process.stdout.isTTY ? [] : ['--no-color']),
      'packages/http/dist/test/**/*.spec.js',
    ],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TEST_PROFILE: 'production', TEST_DATABASE_URL: db.url, ...pass.env },
    },
  );
  children.add(child);
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const code = await new Promise((resolve) => child.once('close', (c, s) => resolve(c ?? (s ? 1 : 0))));
  children.delete(child);
  console.log(`\nHTTP suite on the production profile: ${pass.label} (database ${db.name})\n${output}`);
  await db.drop().catch((e) => console.error(`test-production: could not drop ${db.name}: ${e.message}`));
  return code;
}
