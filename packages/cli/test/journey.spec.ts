import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ANSI, Person, useApi } from './api-server.js';
import { spawnCli } from './cli-process.js';

const PASSWORD = 'correct horse battery';

describe('livedrops CLI: the creator journey against a real API (subprocesses)', function () {
  this.timeout(60_000);
  const t = useApi();

  it('register → login → product → drop → watch until sold out while fans order → followers export', async () => {
    const ada = new Person(t.dir, 'ada', t.api.url);
    const reg = await ada.json(
      ['register', '--handle', 'ada', '--creator', '--display-name', 'Ada, "the" Creator', '--password-stdin'],
      { input: `${PASSWORD}\n` },
    );
    expect(reg.user).to.include({ handle: 'ada', isCreator: true, displayName: 'Ada, "the" Creator' });
    expect(reg).to.not.have.property('token');
    expect((await ada.run(['logout'])).code).to.equal(0);
    expect((await ada.run(['whoami'])).code).to.equal(3);
    const login = await ada.json(['login', '--handle', 'ada', '--password-stdin'], { input: PASSWORD });
    expect(login.user.id).to.equal(reg.user.id);
    expect(login.api).to.equal(t.api.url);
    const me = await ada.json(['whoami']);
    expect(me.user.handle).to.equal('ada');

    const product = await ada.json([
      'product',
      'create',
      '--title',
      'Tour poster',
      '--price',
      '49.99',
      '--currency',
      'EUR',
    ]);
    expect(product).to.include({ title: 'Tour poster', priceCents: 4999, currency: 'EUR', creatorId: me.user.id });
    const updated = await ada.json(['product', 'update', product.id, '--price', '0.1', '--description', 'A2, signed']);
    expect(updated).to.include({ priceCents: 10, description: 'A2, signed' });
    const mine = await ada.json(['product', 'list', '--mine']);
    expect(mine.map((p: { id: string }) => p.id)).to.deep.equal([product.id]);

    // Three fans, each with their own config home; one has an awkward display name for the CSV.
    const handles = ['bea', 'cyd', 'dee'];
    const fans = handles.map((h) => new Person(t.dir, h, t.api.url));
    for (const [i, fan] of fans.entries()) {
      const name = i === 0 ? '=cmd|"x",\nnext' : `Fan ${i}`;
      await fan.json(['register', '--handle', handles[i]!, '--display-name', name, '--password-stdin'], {
        input: PASSWORD,
      });
      const f = await fan.json(['follow', me.user.id]);
      expect(f).to.include({ creatorId: me.user.id, created: true });
    }
    expect((await fans[0]!.json(['follow', me.user.id])).created).to.equal(false);

    // Lead time for two CLI processes to start and open their streams on a loaded machine.
    const drop = await ada.json([
      'drop',
      'schedule',
      '--product',
      product.id,
      '--starts-in',
      '6s',
      '--duration',
      '2m',
      '--stock',
      '10',
      '--per-user-limit',
      '4',
      '--low-stock',
      '3',
    ]);
    expect(drop).to.deep.include({
      status: 'upcoming',
      stock: { total: 10, available: 10 },
      perUserLimit: 4,
      lowStockThreshold: 3,
    });
    expect(drop.product.priceCents).to.equal(10);
    expect(Date.parse(drop.endsAt) - Date.parse(drop.startsAt)).to.equal(120_000);

    const watch = spawnCli(['drop', 'watch', drop.id, '--json'], ada.env());
    const plain = spawnCli(['drop', 'watch', drop.id], fans[2]!.env());
    // Orders wait for the drop to go live, then take exactly the 10 units: 4 + 4 + 2.
    while ((await ada.json(['drop', 'show', drop.id])).status !== 'live') await new Promise((r) => setTimeout(r, 200));
    const buys: [Person, number][] = [
      [fans[0]!, 2],
      [fans[1]!, 2],
      [fans[0]!, 2],
      [fans[1]!, 2],
      [fans[2]!, 2],
    ];
    for (const [fan, quantity] of buys) {
      const order = await fan.json([
        'order',
        'place',
        drop.id,
        '--quantity',
        String(quantity),
        '--key',
        `k-${Math.random()}`,
      ]);
      expect(order).to.include({ dropId: drop.id, quantity, totalCents: 20, status: 'confirmed', replayed: false });
      await new Promise((r) => setTimeout(r, 150));
    }
    const late = await fans[2]!.run(['order', 'place', drop.id]);
    expect(late.code).to.equal(4);
    expect(late.stderr.trim().split('\n').at(-1)).to.match(/^livedrops: .+ \((sold_out|drop_not_live)\)$/);

    const w = await watch.done;
    expect(w.code, w.stderr).to.equal(0);
    const lines = w.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const readings = lines.filter((l) => l.type === 'drop');
    expect(readings.at(-1).drop).to.deep.include({ status: 'sold_out', stock: { total: 10, available: 0 } });
    const available = readings.map((l) => l.drop.stock.available);
    expect(available).to.deep.equal([...available].sort((a, b) => b - a)); // never goes back up
    expect(readings.some((l) => l.unitsPerSecond > 0)).to.equal(true);
    // Ada created the drop, so her watch also shows its figures (GET /v1/drops/{id}/stats).
    const figures = lines.filter((l) => l.type === 'stats').map((l) => l.stats);
    expect(figures.at(-1).units).to.deep.equal({ total: 10, sold: 10, held: 0, left: 0 });
    expect(figures.at(-1).orders).to.include({ count: 5, buyers: 3 });
    expect(figures.at(-1).conversion).to.include({ notifiedFollowers: 3, buyers: 3 });
    const p = await plain.done;
    expect(p.code).to.equal(0);
    expect(p.stdout).to.match(/sold_out 0\/10 left/);
    // The follower hears the drop start over the event stream, where the server offers one.
    if (p.stderr.includes('notifications: live'))
      expect(p.stdout).to.match(/^\d\d:\d\d:\d\d drop started: Tour poster \(10 left\)$/m);
    else expect(p.stderr).to.include('notifications: not offered by this server (polling only)');
    expect(p.stdout + p.stderr + w.stdout + w.stderr).to.not.match(ANSI);

    const orders = await fans[0]!.json(['orders', 'list']);
    expect(orders).to.have.length(2);
    expect((await ada.json(['drop', 'list', '--mine'])).map((d: { status: string }) => d.status)).to.deep.equal([
      'sold_out',
    ]);

    const csvFile = join(t.dir, 'followers.csv');
    const exp = await ada.run(['followers', 'export', '--format', 'csv', '--output', csvFile]);
    expect(exp.code, exp.stderr).to.equal(0);
    expect(exp.stderr).to.include('exported 3 followers');
    const csv = readFileSync(csvFile, 'utf8');
    expect(csv.startsWith('id,handle,displayName,followedAt\r\n')).to.equal(true);
    expect(csv).to.include(`,bea,"'=cmd|""x"",\nnext",`);
    const jsonl = await ada.run(['followers', 'export', '--format', 'jsonl']);
    const rows = jsonl.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.map((r) => r.user.handle).sort()).to.deep.equal(handles);
  });
});
