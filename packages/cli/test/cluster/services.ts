import { execFile } from 'node:child_process';
import { adminUrl, createTestDatabase, deleteKeys } from '@livedrops/test-support';

/**
 * The machine's services, driven from their own command-line tools (the fault test
 * restarts them): PostgreSQL through psql, Redis through redis-cli / redis-server,
 * RabbitMQ through rabbitmqctl / rabbitmq-server. Start commands as the machine's
 * set-up notes give them; override with the environment where a machine differs.
 */
const REDIS_START = (
  process.env.LIVEDROPS_REDIS_START ??
  'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log'
).split(' ');
export const PG_ADMIN = adminUrl();

export function run(cmd: string, args: string[], timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.join(' ')}: ${err.message} ${stderr}`.trim()));
      else resolve(stdout);
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Rows of a query as arrays of strings (psql unaligned, tab-separated). */
export async function sql(url: string, query: string): Promise<string[][]> {
  const out = await run('psql', [url, '-X', '-q', '-At', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-c', query]);
  return out
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split('\t'));
}

export const pg = {
  async createDatabase(): Promise<{ name: string; url: string }> {
    const { name, url } = await createTestDatabase('livedrops_fault');
    return { name, url };
  },
  dropDatabase: (name: string) => sql(PG_ADMIN, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  /** Ends every server connection to `name`, as a failover or an admin would. */
  terminate: (name: string) =>
    sql(
      PG_ADMIN,
      `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`,
    ),
};

export const redis = {
  up: async () => (await run('redis-cli', ['-p', '6379', 'ping'], 2_000)).trim() === 'PONG',
  /** Shuts Redis down without saving (it keeps nothing anyway) and starts it again: every key is gone. */
  async restart(): Promise<void> {
    await run('redis-cli', ['-p', '6379', 'shutdown', 'nosave'], 5_000).catch(() => undefined);
    await until(async () => !(await redis.up().catch(() => false)), 5_000, 'Redis to stop');
    await redis.ensure();
  },
  async ensure(): Promise<void> {
    if (await redis.up().catch(() => false)) return;
    await run(
      REDIS_START[0]!,
      REDIS_START.slice(1).map((a) => (a === '""' ? '' : a)),
    );
    await until(redis.up, 10_000, 'Redis to start');
  },
  deleteKeys: (prefix: string) => deleteKeys(prefix, 'redis://127.0.0.1:6379'),
};

export const rabbit = {
  up: async () => await run('rabbitmqctl', ['-q', 'await_startup', '--timeout', '1'], 5_000).then(() => true),
  /** Stops the broker node and starts it again (every connection dropped; durable queues recover from disk). */
  async restart(): Promise<void> {
    await run('rabbitmqctl', ['-q', 'stop'], 30_000).catch(() => undefined);
    await rabbit.ensure();
  },
  async ensure(): Promise<void> {
    if (await rabbit.up().catch(() => false)) return;
    await run('rabbitmq-server', ['-detached']).catch(() => undefined);
    await until(rabbit.up, 60_000, 'RabbitMQ to start');
  },
  async addVhost(name: string): Promise<void> {
    await run('rabbitmqctl', ['-q', 'add_vhost', name]);
    await run('rabbitmqctl', ['-q', 'set_permissions', '-p', name, 'guest', '.*', '.*', '.*']);
  },
  deleteVhost: (name: string) => run('rabbitmqctl', ['-q', 'delete_vhost', name]).catch(() => ''),
};

/** Null when every service and tool the fault test drives is here; otherwise what is missing. */
export async function probeServices(): Promise<string | null> {
  try {
    await sql(PG_ADMIN, 'SELECT 1');
  } catch (e) {
    return `PostgreSQL: ${(e as Error).message.split('\n')[0]}`;
  }
  if (!(await redis.up().catch(() => false))) return 'Redis does not answer on 127.0.0.1:6379';
  if (!(await rabbit.up().catch(() => false))) return 'RabbitMQ does not answer (rabbitmqctl await_startup)';
  return null;
}
