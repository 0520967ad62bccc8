import { expect } from 'chai';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, startServe } from './cli-process.js';

describe('livedrops serve / migrate (subprocess)', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'livedrops-cli-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('migrate creates the SQLite file and is idempotent', async () => {
    const db = join(dir, 'a.db');
    const first = await runCli(['migrate', '--database-url', `sqlite:${db}`]);
    expect(first.code).to.equal(0);
    expect(first.stdout.trim().split('\n').length).to.be.greaterThan(0);
    expect(existsSync(db)).to.equal(true);
    const second = await runCli(['migrate', '--database-url', `sqlite:${db}`]);
    expect(second.code).to.equal(0);
    expect(second.stdout).to.equal('');
    expect(second.stderr).to.include('up to date');
  });

  // Named as the person gave it: the flag they typed, or the environment variable.
  for (const [args, env, name] of [
    [['--port', 'eighty'], {}, '--port'],
    [[], { DATABASE_URL: 'mysql://nope' }, 'DATABASE_URL'],
    [['--log-level', 'loud'], {}, '--log-level'],
    [[], { LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [['--log-format', 'xml'], {}, '--log-format'],
    [['--redis-url', 'http://x'], {}, '--redis-url'],
  ] as const) {
    it(`refuses to start with an invalid ${name}: one clear line naming it, non-zero exit`, async () => {
      const r = await runCli(['serve', ...args], {
        ...env,
        DATABASE_URL: env.DATABASE_URL ?? `sqlite:${join(dir, 'x.db')}`,
      });
      expect(r.code).to.equal(2);
      expect(r.stderr.trim().split('\n')).to.have.length(1);
      expect(r.stderr).to.match(new RegExp(`^livedrops: invalid ${name}: `));
    });
  }

  it('serves on embedded SQLite, migrating on start, and exits 0 on SIGTERM', async () => {
    const db = join(dir, 'serve.db');
    const { child, url, logs } = await startServe(['--database-url', `sqlite:${db}`]);
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).to.equal(200);
    const reg = await fetch(`${url}/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ handle: 'cli_user', password: 'password123' }),
    });
    expect(reg.status).to.equal(201);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).to.equal(0);
    expect(logs()).to.match(/"level":\d+/);
  });
});
