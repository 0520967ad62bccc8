import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { Client } from './support/client.js';
import { liveDrop, order, register, type Account } from './support/fixtures.js';
import { follow, inbox, inboxUntil, quiet } from './support/notifications.js';
import { SseClient } from './support/sse-client.js';

// The built CLI: this test runs the real `livedrops serve` (the suite runs after `tsc -b`).
const CLI = fileURLToPath(new URL('../../../cli/dist/src/main.js', import.meta.url));

/** `livedrops serve` on an ephemeral port; resolves with its URL from the "listening" log line. */
function serve(file: string, env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; api: Client }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--database-url', `sqlite:${file}`], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      const url = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out)?.[1];
      if (url) resolve({ child, api: new Client(url) });
    });
    child.once('exit', (code) => reject(new Error(`serve exited early (${code}): ${out}`)));
  });
}

const killed = (child: ChildProcess): Promise<void> =>
  new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())));

describe('notifications survive a crash right after commit (livedrops serve, SIGKILL)', () => {
  let dir: string;
  const children: ChildProcess[] = [];
  before(function () {
    if (!existsSync(CLI)) this.skip();
    dir = mkdtempSync(join(tmpdir(), 'livedrops-crash-'));
  });
  after(() => {
    for (const c of children) c.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('delivers every committed event after a restart: in the inbox and on a resumed stream, none twice', async function () {
    this.timeout(30_000);
    const file = join(dir, 'crash.db');
    // First life: the relay is held back, so events are committed but never relayed.
    const first = await serve(file, { LIVEDROPS_RELAY_START_DELAY_MS: '3600000' });
    children.push(first.child);
    const api1 = first.api;
    const [creator, fan, buyer] = [
      await register(api1, 'crashmaker', true),
      await register(api1, 'crashfan'),
      await register(api1, 'crashbuyer'),
    ];
    await follow(api1, fan, creator);
    const drop = await liveDrop(api1, creator, { stock: 3, lowStockThreshold: 1 });
    for (const who of [fan, buyer, buyer] as Account[])
      expect((await order(api1, who, drop.id, 1)).status).to.equal(201);
    // Personal events read straight from the log; the follower events await the relay's fan-out.
    const before = await inbox(api1, fan);
    expect(before.map((n) => n.type)).to.deep.equal(['order.confirmed']);
    first.child.kill('SIGKILL');
    await killed(first.child);

    // Second life: a normal start picks the backlog up; the fan resumes after what it had seen.
    const second = await serve(file);
    children.push(second.child);
    const api2 = second.api;
    const stream = await SseClient.open(api2.base, { token: fan.token, lastEventId: before[0].id });
    expect(stream.status).to.equal(200);
    const all = await inboxUntil(api2, fan, (items) =>
      ['drop.started', 'stock.low', 'drop.sold_out'].every((t) => items.some((n) => n.type === t)),
    );
    const missed = all
      .slice(
        0,
        all.findIndex((n) => n.id === before[0].id),
      )
      .reverse();
    expect(missed.map((n) => n.type)).to.include.members(['stock.low', 'drop.sold_out']);
    await stream.count(missed.length, 5000);
    await quiet(500);
    expect(stream.ids()).to.deep.equal(missed.map((n) => n.id));
    expect((await inboxUntil(api2, buyer, (i) => i.length === 2)).map((n) => n.type)).to.deep.equal([
      'order.confirmed',
      'order.confirmed',
    ]);
    stream.close();
    second.child.kill('SIGTERM');
    await killed(second.child);
  });
});
