import { expect } from 'chai';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeDir, tempDir } from './api-server.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** The first ```sh block under the README's "## Quick tour", exactly as written. */
export function quickTour(readme: string): string {
  const section = readme.split(/^## Quick tour$/m)[1]?.split(/^## /m)[0] ?? '';
  const block = /^```sh\n([\s\S]*?)^```$/m.exec(section)?.[1];
  if (!block) throw new Error('README.md has no ```sh block under "## Quick tour"');
  return block;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  return new Promise((r) => s.close(() => r(port)));
}

/**
 * A fresh checkout as `npm start` leaves it: the root script, the built packages and their
 * dependencies, no database and no saved session. Built files are linked, not rebuilt.
 */
function freshCheckout(dir: string): { cwd: string; env: NodeJS.ProcessEnv } {
  const cwd = join(dir, 'livedrops');
  mkdirSync(join(dir, 'home'), { recursive: true });
  mkdirSync(cwd);
  copyFileSync(join(ROOT, 'livedrops'), join(cwd, 'livedrops'));
  for (const d of ['packages', 'node_modules']) symlinkSync(join(ROOT, d), join(cwd, d));
  // A newcomer's shell: none of the settings a developer running the tests may have exported.
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: join(dir, 'home') };
  for (const k of [
    'XDG_CONFIG_HOME',
    'LIVEDROPS_TOKEN',
    'LIVEDROPS_API',
    'LIVEDROPS_CLI',
    'NO_COLOR',
    'LOG_LEVEL',
    'LOG_FORMAT',
    'DATABASE_URL',
    'PORT',
  ])
    delete env[k];
  return { cwd, env };
}

describe("the README's quick tour, run exactly as written against a fresh server (subprocesses)", function () {
  this.timeout(90_000);
  let dir: string;
  let server: ChildProcess | undefined;
  let serverOut = '';
  let api: string;
  let checkout: { cwd: string; env: NodeJS.ProcessEnv };
  let tour: { status: number | null; stdout: string; stderr: string };
  before(async () => {
    dir = tempDir();
    checkout = freshCheckout(dir);
    const port = await freePort();
    api = `http://127.0.0.1:${port}`;
    // What `npm start` runs once set-up is done.
    server = spawn('./livedrops', ['serve'], {
      cwd: checkout.cwd,
      env: { ...checkout.env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (d) => (serverOut += d));
    server.stderr!.on('data', (d) => (serverOut += d));
    for (
      let i = 0;
      !(await fetch(`${api}/livez`).then(
        (r) => r.ok,
        () => false,
      ));
      i++
    ) {
      if (i > 150 || server.exitCode !== null) throw new Error(`the server did not start: ${serverOut}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    checkout.env = { ...checkout.env, LIVEDROPS_API: api }; // a second terminal, pointed at this server's port
    tour = spawnSync('sh', ['-e', '-c', quickTour(readFileSync(join(ROOT, 'README.md'), 'utf8'))], {
      cwd: checkout.cwd,
      env: checkout.env,
      encoding: 'utf8',
      timeout: 60_000,
    });
  });
  after(async () => {
    server?.kill('SIGTERM');
    if (server && server.exitCode === null) await new Promise((r) => server!.once('exit', r));
    removeDir(dir);
  });

  it('runs through: the fan finds the creator by handle, buys the drop out, the creator sees the follower', () => {
    expect(tour.status, `${tour.stdout}\n${tour.stderr}`).to.equal(0);
    expect(tour.stderr).to.include('Now following @ada (Ada Lovelace)').and.include('sold out: 2/2 sold');
    expect(tour.stdout).to.match(/^@ada +Ada Lovelace +0$/m); // creators ada
    expect(tour.stdout).to.match(/ Tour poster +@ada +(upcoming|live) +2\/2 +49\.99 EUR /); // drop list --creator ada
    expect(tour.stdout).to.match(/^\S+ +\S+ +2 +99\.98 EUR /m); // orders list
    expect(tour.stdout).to.match(/^@bea +bea +\d{4}-/m); // followers list
    expect(tour.stdout + tour.stderr).to.not.match(/\x1b\[/);
    // The server logs JSON lines off a terminal, each one a document.
    for (const line of serverOut.trim().split('\n')) expect(() => JSON.parse(line), line).to.not.throw();
  });

  it('prints exactly one JSON document with --json, whatever the command and however it is launched', async () => {
    const run = (
      args: string[],
      input?: string,
      launcher: string[] = ['./livedrops'],
      cwd = checkout.cwd,
    ): Promise<{ code: number | null; doc: any }> =>
      new Promise((resolve, reject) => {
        const child = spawn(launcher[0]!, [...launcher.slice(1), ...args, '--json'], {
          cwd,
          env: checkout.env,
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (err += d));
        child.stdin.end(input ?? '');
        child.on('close', (code) => {
          try {
            resolve({ code, doc: JSON.parse(out) });
          } catch (e) {
            reject(
              new Error(
                `${launcher.join(' ')} ${args.join(' ')} --json printed no single JSON document (${String(e)}): ${out}${err}`,
              ),
            );
          }
        });
      });
    expect((await run(['login', '--handle', 'ada', '--password-stdin'], 'ada-password')).doc.user.handle).to.equal(
      'ada',
    );
    const product = (await run(['product', 'create', '--title', 'Mug', '--price', '12', '--currency', 'jpy'])).doc;
    const drop = (
      await run(['drop', 'schedule', '--product', product.id, '--starts-in', '1h', '--duration', '1h', '--stock', '5'])
    ).doc;
    // As ada, three at a time (none depends on another; the machine is shared).
    const calls: Array<() => Promise<{ code: number | null; doc: any }>> = [
      ...[
        ['whoami'],
        ['creators', 'ada'],
        ['product', 'list', '--mine'],
        ['product', 'update', product.id, '--title', 'Big mug'],
        ['drop', 'list', '--mine'],
        ['drop', 'show', drop.id],
        ['followers', 'list'],
        ['followers', 'export'],
        ['orders', 'list'],
        ['migrate', '--database-url', 'sqlite:./livedrops.db'],
        ['seed', '--demo', '--database-url', 'sqlite:./livedrops.db'],
        ['drop', 'list', '--bogus'],
        ['drop', 'show', 'no-such-drop'],
      ].map((a) => () => run(a)),
      // Through pnpm and npx from the repository root: no banner, no notice, only the document.
      ...[
        ['pnpm', 'livedrops'],
        ['pnpm', 'exec', 'livedrops'],
        ['npx', '--no-install', 'livedrops'],
      ].map((l) => () => run(['drop', 'show', drop.id], undefined, l, ROOT)),
    ];
    const asAda: Array<{ code: number | null; doc: any }> = [];
    for (let i = 0; i < calls.length; i += 3) asAda.push(...(await Promise.all(calls.slice(i, i + 3).map((c) => c()))));
    expect(asAda.map((d) => d.code)).to.deep.equal([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 1, 0, 0, 0]);
    expect(asAda[12]!.doc.error).to.include({ code: 'not_found', exitCode: 1 });
    for (const r of asAda.slice(-3)) expect(r.doc.id).to.equal(drop.id);
    expect((await run(['drop', 'cancel', drop.id])).doc.status).to.equal('cancelled');
    // `drop watch` streams: one JSON object per line, until the drop is over (cancelled here).
    const watch = spawnSync('./livedrops', ['drop', 'watch', drop.id, '--json'], {
      cwd: checkout.cwd,
      env: checkout.env,
      encoding: 'utf8',
    });
    expect(watch.status).to.equal(0);
    // Ada created the drop, so her watch also has its figures (`stats`).
    const types = watch.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).type);
    for (const type of types) expect(type).to.be.oneOf(['drop', 'notification', 'stats']);
    expect(types).to.include('stats');
    // A fan's session, in order: each command changes what the next one sees.
    const asCyd = [];
    for (const [args, input] of [
      [['register', '--handle', 'cyd', '--password-stdin'], 'cyd-password'],
      [['follow', 'ada']],
      [['unfollow', '@ada']],
      [['order', 'place', drop.id]],
      [['logout']],
    ] as const) {
      asCyd.push(await run([...args], input));
    }
    expect(asCyd.map((d) => d.code)).to.deep.equal([0, 0, 0, 4, 0]);
    expect(asCyd[3]!.doc.error).to.include({ code: 'drop_not_live', exitCode: 4 });
  });
});
