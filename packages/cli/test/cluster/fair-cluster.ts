import { deleteAmqpExchange } from '@livedrops/adapters';
import { createTestDatabase, deleteKeys, REDIS_URL, testPrefix, type TestDatabase } from '@livedrops/test-support';
import { runCli, spawnCli } from '../cli-process.js';
import { freePort, Instance } from './instances.js';
import { sql } from './services.js';

const AMQP_URL = process.env.TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Three `livedrops serve` instances of one production deployment (PostgreSQL, Redis,
 * RabbitMQ) on a database, a Redis key prefix and an exchange of this test's own, which
 * `close()` removes again whatever happened.
 */
export class FairCluster {
  private constructor(
    readonly db: TestDatabase,
    readonly instances: Instance[],
    private readonly prefix: string,
    private readonly exchange: string,
  ) {}

  /** Simulator processes started here, ended by `close()` if a test failed before they did. */
  private readonly sims: Array<ReturnType<typeof spawnCli>['child']> = [];

  static async start(tag: string): Promise<FairCluster> {
    const db = await createTestDatabase(`livedrops_${tag}`);
    const prefix = testPrefix(tag);
    const exchange = `ldtest.${tag}.${process.pid}.${Date.now().toString(36)}`;
    const cluster = new FairCluster(db, [], prefix, exchange);
    try {
      const migrated = await runCli(['migrate'], { DATABASE_URL: db.url }, 60_000);
      if (migrated.code !== 0) throw new Error(`migrate failed: ${migrated.stderr}`);
      const env = { DATABASE_URL: db.url, REDIS_URL, REDIS_PREFIX: prefix, AMQP_URL, AMQP_EXCHANGE: exchange };
      for (const name of ['a', 'b', 'c']) cluster.instances.push(new Instance(name, await freePort(), env));
      // One at a time: three Node processes compiling at once on two busy cores can miss /readyz's deadline.
      for (const i of cluster.instances) await i.start(60_000);
      return cluster;
    } catch (e) {
      await cluster.close();
      throw e;
    }
  }

  get urls(): string[] {
    return this.instances.map((i) => i.url);
  }

  /** Rows of a query on this cluster's database. */
  rows(query: string): Promise<string[][]> {
    return sql(this.db.url, query);
  }

  /** Polls `query`'s first cell until `done` says so (every 50 ms), or fails after `ms`. */
  async until(query: string, done: (cell: string | undefined) => boolean, ms: number, what: string): Promise<string> {
    const deadline = Date.now() + ms;
    for (;;) {
      const cell = (await this.rows(query))[0]?.[0];
      if (done(cell)) return cell!;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${cell})`);
      await sleep(50);
    }
  }

  /** `livedrops sim <scenario> --json` with its users spread over all three instances (a process of its own). */
  sim(scenario: string, args: string[], outDir: string): ReturnType<typeof spawnCli> {
    const target = ['--api', this.urls.join(','), '--database-url', this.db.url];
    const run = spawnCli(['sim', scenario, ...target, '--out', outDir, '--json', ...args]);
    this.sims.push(run.child);
    return run;
  }

  logs(): string {
    return this.instances
      .map((i) => i.logs())
      .join('\n')
      .slice(-6_000);
  }

  async close(): Promise<void> {
    for (const s of this.sims) if (s.exitCode === null && s.signalCode === null) s.kill('SIGKILL');
    await Promise.all(this.instances.map((i) => i.stop()));
    await deleteKeys(this.prefix).catch(() => undefined);
    await deleteAmqpExchange(AMQP_URL, this.exchange).catch(() => undefined);
    await this.db.drop().catch(() => undefined);
  }
}
