import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useApi } from './api-server.js';
import { runCli } from './cli-process.js';

// What only `serve`, `migrate`, `seed` and `sim` need: the drivers, the HTTP server's framework, the container.
const SERVER_SIDE = ['knex', 'pg', 'ioredis', 'amqplib', 'better-sqlite3', 'sharp', 'koa', 'inversify'];
const PRELOAD = new URL('./loaded-packages.js', import.meta.url).href;

describe('livedrops CLI start-up (subprocesses)', function () {
  this.timeout(30_000);
  const s = useApi();

  let runs = 0;
  /** The packages a run of the CLI loaded, by name. */
  async function loadedBy(args: string[]): Promise<string[]> {
    const out = join(s.dir, `loaded-${runs++}`);
    const env = { NODE_OPTIONS: `--import ${PRELOAD}`, LIVEDROPS_TEST_LOADED: out, LIVEDROPS_API: s.api.url };
    const run = await runCli(args, env);
    expect(run.code, run.stderr).to.equal(0);
    return readFileSync(out, 'utf8').split('\n');
  }

  it('a client command loads no driver, server framework or container: they load only where they run', async () => {
    for (const args of [['--version'], ['drop', 'list', '--json'], ['draw', '--help']]) {
      const loaded = await loadedBy(args);
      expect(loaded, args.join(' ')).to.include('commander');
      expect(
        loaded.filter((p) => SERVER_SIDE.includes(p)),
        args.join(' '),
      ).to.deep.equal([]);
    }
  });

  it('the server side loads them where it runs: `migrate` on a SQLite file', async () => {
    const loaded = await loadedBy(['migrate', '--database-url', `sqlite:${join(s.dir, 'startup.db')}`]);
    expect(loaded).to.include.members(['knex', 'better-sqlite3']);
  });
});
