import { expect } from 'chai';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { ServerHandle } from '@livedrops/http';
import { ANSI, Person, removeDir, startApi, tempDir } from './api-server.js';
import { runCli } from './cli-process.js';
import { HAS_SCRIPT, runInPty } from './pty.js';

const PW = 'password-123';
const SGR = /\x1b\[\d+(;\d+)*m/; // colour or style, not cursor movement

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  return new Promise((r) => s.close(() => r(port)));
}

describe('livedrops CLI conventions: exit codes, config file, colour, prompts (subprocesses)', function () {
  this.timeout(60_000);
  let dir: string;
  let api: ServerHandle;
  let ada: Person;
  let creatorId: string;
  before(async () => {
    dir = tempDir();
    api = await startApi(dir);
    ada = new Person(dir, 'ada', api.url);
    creatorId = (await ada.json(['register', '--handle', 'ada', '--creator', '--password-stdin'], { input: PW })).user
      .id;
  });
  after(async () => {
    await api.close();
    removeDir(dir);
  });

  it('exit 0 ok, 1 failure (404), 2 usage, 3 unauthorized, 4 conflict, 5 unreachable — each with one stderr line', async () => {
    const nobody = new Person(dir, 'nobody', api.url);
    const cases: [number, Promise<{ code: number | null; stderr: string }>, RegExp][] = [
      [0, ada.run(['whoami']), /^$/],
      [1, ada.run(['drop', 'show', 'no-such-drop']), /^livedrops: Not found — .+ \(not_found\)$/],
      [
        2,
        ada.run(['product', 'create', '--title', 'x', '--price', '1.999']),
        /^livedrops: invalid --price "1.999": at most two decimals for USD$/,
      ],
      [2, ada.run(['product', 'create', '--title', 'x', '--price', '-1']), /invalid --price "-1"/],
      [2, ada.run(['drop', 'list', '--bogus']), /^livedrops: unknown option '--bogus' \(see --help\)$/],
      [2, ada.run(['followers', 'export', '--format', 'xml']), /expected csv or jsonl/],
      [
        2,
        ada.run(['drop', 'schedule', '--product', 'p', '--starts-in', '1m', '--stock', '5']),
        /exactly one of --ends/,
      ],
      [2, ada.run(['whoami', '--api', 'ftp://x']), /must be http or https/],
      [3, nobody.run(['whoami']), /^livedrops: not logged in — run 'livedrops login'/],
      [3, nobody.run(['whoami'], { env: { LIVEDROPS_TOKEN: 'ld_forged' } }), /\(unauthenticated\)$/],
      [
        3,
        nobody.run(['login', '--handle', 'ada', '--password-stdin'], { input: 'wrong-password' }),
        /\(unauthenticated\)$/,
      ],
      [
        4,
        nobody.run(['register', '--handle', 'ada', '--password-stdin'], { input: PW }),
        /^livedrops: .+ \(handle_taken\)$/,
      ],
      [
        5,
        ada.run(['drop', 'list', '--api', `http://127.0.0.1:${await closedPort()}`]),
        /^livedrops: cannot reach the Live Drops API at .+ \(ECONNREFUSED\)/,
      ],
    ];
    for (const [code, run, stderr] of cases) {
      const r = await run;
      expect(r.code, r.stderr).to.equal(code);
      expect(r.stderr.trimEnd().split('\n'), r.stderr).to.have.length.at.most(1);
      expect(r.stderr.trimEnd()).to.match(stderr);
      expect(r.stderr).to.not.match(ANSI);
    }
  });

  it('exit 4 on an order the drop refuses (not live yet)', async () => {
    const d = await ada.upcomingDrop(5, 'Later');
    const r = await ada.run(['order', 'place', d.id, '--key', 'early-1']);
    expect(r.code).to.equal(4);
    expect(r.stderr).to.match(/\(drop_not_live\)\n$/);
    expect(r.stderr).to.not.match(/Idempotency-Key/); // a given key is not echoed back
  });

  it('keeps the token in $XDG_CONFIG_HOME/livedrops/config.json, mode 0600 in a 0700 directory; logout revokes it', async () => {
    const file = join(ada.home, 'livedrops', 'config.json');
    expect(statSync(file).mode & 0o777).to.equal(0o600);
    expect(statSync(join(ada.home, 'livedrops')).mode & 0o777).to.equal(0o700);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved).to.include({ api: api.url });
    expect(saved.token).to.match(/^ld_/);
    const eve = new Person(dir, 'eve', api.url);
    await eve.json(['register', '--handle', 'eve', '--password-stdin'], { input: PW });
    const token = JSON.parse(readFileSync(join(eve.home, 'livedrops', 'config.json'), 'utf8')).token;
    expect((await eve.run(['logout'])).code).to.equal(0);
    expect(JSON.parse(readFileSync(join(eve.home, 'livedrops', 'config.json'), 'utf8'))).to.not.have.property('token');
    const me = await fetch(`${api.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).to.equal(401); // revoked on the server, not only forgotten
  });

  it('falls back to ~/.config without XDG_CONFIG_HOME; does not send a stored token to another --api', async () => {
    const home = join(dir, 'plain-home');
    mkdirSync(home);
    const env = { HOME: home, XDG_CONFIG_HOME: '', LIVEDROPS_API: api.url, LIVEDROPS_TOKEN: '' };
    expect((await runCli(['login', '--handle', 'ada', '--password-stdin'], env, 15_000, PW)).code).to.equal(0);
    expect(statSync(join(home, '.config', 'livedrops', 'config.json')).mode & 0o777).to.equal(0o600);
    expect((await runCli(['whoami'], env)).code).to.equal(0);
    const elsewhere = await runCli(['whoami', '--api', api.url.replace('127.0.0.1', 'localhost')], {
      ...env,
      LIVEDROPS_API: '',
    });
    expect(elsewhere.code).to.equal(3);
  });

  it('prints no escape codes when not on a terminal, --json included', async () => {
    for (const args of [
      ['drop', 'list'],
      ['whoami'],
      ['product', 'list'],
      ['drop', 'list', '--json'],
      ['drop', 'show', 'x'],
    ]) {
      const r = await ada.run(args);
      expect(r.stdout + r.stderr, args.join(' ')).to.not.match(ANSI);
    }
  });

  it('every command has --help with an Example', async () => {
    const commands = [
      'register',
      'login',
      'logout',
      'whoami',
      'product create',
      'product list',
      'product update',
      'drop schedule',
      'drop list',
      'drop show',
      'drop cancel',
      'drop watch',
      'followers list',
      'followers export',
      'creators',
      'follow',
      'unfollow',
      'orders list',
      'order place',
      'serve',
      'migrate',
      'seed',
    ];
    const runs = await Promise.all(commands.map((c) => runCli([...c.split(' '), '--help'])));
    for (const [i, r] of runs.entries()) {
      expect(r.code, commands[i]).to.equal(0);
      expect(r.stdout, commands[i]).to.match(/\nExamples?:\n {2}\$ livedrops /);
    }
  });

  (HAS_SCRIPT ? describe : describe.skip)('on a terminal (pseudo-terminal via script)', () => {
    it('colours on a terminal, but never with NO_COLOR or TERM=dumb', async () => {
      const coloured = await runInPty(['whoami'], ada.env());
      expect(coloured.code).to.equal(0);
      expect(coloured.stdout).to.match(SGR);
      for (const env of [{ NO_COLOR: '1' }, { TERM: 'dumb' }]) {
        const r = await runInPty(['whoami'], ada.env(env));
        expect(r.code).to.equal(0);
        expect(r.stdout, JSON.stringify(env)).to.include('ada (creator)').and.not.match(SGR);
      }
    });

    it('prompts for the password without echoing it', async () => {
      const zed = new Person(dir, 'zed', api.url);
      const r = await runInPty(['register', '--handle', 'zed_tty'], zed.env(), [
        ['Password: ', 'pty-secret-1\r'],
        ['Confirm password: ', 'pty-secret-1\r'],
      ]);
      expect(r.code, r.stdout).to.equal(0);
      expect(r.stdout).to.include('Logged in').and.not.include('pty-secret-1');
      const login = await runInPty(['login', '--handle', 'zed_tty'], zed.env(), [['Password: ', 'pty-secret-1\r']]);
      expect(login.code, login.stdout).to.equal(0);
    });

    it('without a terminal and without --password-stdin, says how to pipe it (exit 2)', async () => {
      const r = await new Person(dir, 'pipe', api.url).run(['login', '--handle', 'ada']);
      expect(r.code).to.equal(2);
      expect(r.stderr).to.include('--password-stdin');
    });
  });

  it('follow and unfollow are idempotent', async () => {
    const fan = new Person(dir, 'fan', api.url);
    await fan.json(['register', '--handle', 'fan_one', '--password-stdin'], { input: PW });
    expect((await fan.json(['follow', creatorId])).created).to.equal(true);
    expect((await fan.json(['unfollow', creatorId])).following).to.equal(false);
    expect((await fan.run(['unfollow', creatorId])).code).to.equal(0);
  });
});
