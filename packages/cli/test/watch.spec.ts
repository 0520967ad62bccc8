import { expect } from 'chai';
import type { ServerHandle } from '@livedrops/http';
import { ANSI, Person, removeDir, startApi, tempDir } from './api-server.js';
import { spawnCli } from './cli-process.js';
import { HAS_SCRIPT, runInPty } from './pty.js';

describe('livedrops drop watch: endings (subprocesses)', function () {
  this.timeout(60_000);
  let dir: string;
  let api: ServerHandle;
  let ada: Person;
  let productId: string;
  before(async () => {
    dir = tempDir();
    api = await startApi(dir);
    ada = new Person(dir, 'ada', api.url);
    await ada.json(['register', '--handle', 'ada', '--creator', '--password-stdin'], { input: 'password-123' });
    productId = (await ada.json(['product', 'create', '--title', 'Poster', '--price', '12.50'])).id;
  });
  after(async () => {
    await api.close();
    removeDir(dir);
  });
  const schedule = (): Promise<{ id: string }> =>
    ada.json(['drop', 'schedule', '--product', productId, '--starts-in', '1h', '--duration', '1h', '--stock', '5']);

  it('exits 0 when the drop is cancelled under it, one plain line per change', async () => {
    const drop = await schedule();
    const watch = spawnCli(['drop', 'watch', drop.id], ada.env());
    await new Promise((r) => setTimeout(r, 1200));
    const cancelled = await ada.json(['drop', 'cancel', drop.id]);
    expect(cancelled.status).to.equal('cancelled');
    const r = await watch.done;
    expect(r.code, r.stderr).to.equal(0);
    const lines = r.stdout.trim().split('\n');
    // upcoming 5/5, the creator's figures, then cancelled: nothing printed for unchanged polls.
    expect(lines).to.have.length(3);
    expect(lines[0]).to.match(/^\d\d:\d\d:\d\d upcoming 5\/5 left 0\.0 units\/s starts in (1h00m00s|59m\d\ds)$/);
    expect(lines[1]).to.match(/^\d\d:\d\d:\d\d sold 0 held 0 left 5 · 0\.0 orders\/s \(avg 0\.0\)$/);
    expect(lines[2]).to.match(/ cancelled 5\/5 left /);
    expect(r.stderr).to.include('cancelled: 0/5 sold');
    expect(r.stdout + r.stderr).to.not.match(ANSI);
  });

  it('exits 0 on SIGINT', async () => {
    const drop = await schedule();
    const watch = spawnCli(['drop', 'watch', drop.id, '--json'], ada.env());
    while (!watch.out().stdout) await new Promise((r) => setTimeout(r, 50));
    watch.child.kill('SIGINT');
    const r = await watch.done;
    expect(r.code).to.equal(0);
    expect(JSON.parse(r.stdout.trim().split('\n')[0]!).drop.status).to.equal('upcoming');
  });

  it('exits 1 for an unknown drop and 5 when the server is gone for good', async () => {
    const unknown = await ada.run(['drop', 'watch', 'nope']);
    expect(unknown.code).to.equal(1);
    const other = await startApi(dir, 'other.db');
    const bob = new Person(dir, 'bob', other.url);
    await bob.json(['register', '--handle', 'bob', '--creator', '--password-stdin'], { input: 'password-123' });
    const d = await bob.upcomingDrop(1, 'x');
    const watch = spawnCli(['drop', 'watch', d.id, '--give-up-after', '1s'], bob.env());
    while (!watch.out().stdout) await new Promise((r) => setTimeout(r, 50));
    await other.close();
    const r = await watch.done;
    expect(r.code).to.equal(5);
    expect(r.stderr).to.match(/livedrops: cannot reach the Live Drops API/);
  });

  (HAS_SCRIPT ? it : it.skip)(
    'on a terminal: redraws in place, and Ctrl-C restores the cursor and exits 0',
    async () => {
      const drop = await schedule();
      const r = await runInPty(['drop', 'watch', drop.id], ada.env(), [['Ctrl-C to stop watching', '\x03']]);
      expect(r.code, r.stdout).to.equal(0);
      expect(r.stdout.startsWith('\x1b[?25l')).to.equal(true); // cursor hidden while drawing
      expect(r.stdout).to.include('5/5 left').and.include('\x1b[2K'); // lines cleared and rewritten
      expect(r.stdout.trimEnd().endsWith('\x1b[?25h')).to.equal(true); // and given back on the way out
    },
  );
});
