import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Person, registerOverHttp, useApi } from './api-server.js';

const user = registerOverHttp;

/** An API that serves one fairness record, as a tampering server (or a man in the middle) would. */
async function serving(record: unknown): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(record)),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('livedrops CLI: draw enter and draw verify (subprocesses against a real API)', function () {
  this.timeout(90_000);
  const t = useApi();

  it('schedule --draw, enter, then verify exits 0; one entry added, removed or reordered makes it exit 1', async () => {
    const ada = new Person(t.dir, 'ada', t.api.url);
    const as = (token: string) => ({ env: { LIVEDROPS_TOKEN: token } });
    const tokens = await Promise.all(['ada', 'bea', 'cyd', 'dee'].map((h, i) => user(t.api.url, h, i === 0)));
    const product = await ada.json(['product', 'create', '--title', 'Print', '--price', '12.50'], as(tokens[0]!));
    const usage = await ada.run(
      ['drop', 'schedule', '--product', product.id, '--starts-in', '3s', '--duration', '1h', '--stock', '1', '--draw'],
      as(tokens[0]!),
    );
    expect(usage.code).to.equal(2);
    expect(usage.stderr).to.include('--draw needs --entries-open and --entries-close');
    const drop = await ada.json(
      [
        'drop',
        'schedule',
        '--product',
        product.id,
        '--starts-in',
        '12s',
        '--duration',
        '1h',
        '--stock',
        '1',
        '--draw',
        '--entries-open',
        '0s',
        '--entries-close',
        '10s',
        '--followers-first',
        '10m',
      ],
      as(tokens[0]!),
    );
    expect(drop).to.include({ access: 'draw' });
    expect(Date.parse(drop.followersFirstUntil) - Date.parse(drop.startsAt)).to.equal(600_000);
    // Followers first: nobody followed before the drop, so only the creator may enter.
    const refused = await ada.run(['draw', 'enter', drop.id], as(tokens[1]!));
    expect(refused.code).to.equal(1);
    expect(refused.stderr).to.include('not_eligible');
    const entered = await ada.json(['draw', 'enter', drop.id], as(tokens[0]!));
    expect(entered.created).to.equal(true);
    expect((await ada.json(['draw', 'enter', drop.id], as(tokens[0]!))).created).to.equal(false);

    const early = await ada.run(['draw', 'verify', drop.id]);
    expect(early.code).to.equal(1);
    expect(early.stderr).to.include('not shuffled yet');
    let record: any;
    for (let i = 0; i < 200 && !record?.seed; i++) {
      await new Promise((r) => setTimeout(r, 100));
      record = await (await fetch(`${t.api.url}/v1/drops/${drop.id}/fairness`)).json();
    }
    const ok = await ada.run(['draw', 'verify', drop.id]);
    expect(ok.code, ok.stderr).to.equal(0);
    expect(ok.stdout).to.include('verified: the order of 1 entries');

    // A record of several entries (the shape the server publishes), then one change at a time.
    const fake = { ...record, entries: ['a', 'b', 'c'], order: [] as string[] };
    const { createHash } = await import('node:crypto');
    const digest = (ids: string[]) => createHash('sha256').update(ids.join('\n')).digest('hex');
    const { fairShuffle } = await import('@livedrops/core');
    const { NodeFairnessCrypto } = await import('@livedrops/adapters');
    fake.order = fairShuffle(new NodeFairnessCrypto(), fake.seed, fake.entries);
    fake.entriesDigest = digest(fake.entries);
    const tampered = [
      { name: 'good', record: fake, code: 0 },
      {
        name: 'added',
        record: { ...fake, entries: [...fake.entries, 'd'], entriesDigest: digest([...fake.entries, 'd']) },
        code: 1,
      },
      { name: 'removed', record: { ...fake, order: fake.order.slice(1) }, code: 1 },
      {
        name: 'reordered',
        record: { ...fake, order: [fake.order[1], fake.order[0], ...fake.order.slice(2)] },
        code: 1,
      },
    ];
    for (const t of tampered) {
      const { url, server } = await serving(t.record);
      const r = await ada.run(['draw', 'verify', drop.id, '--api', url]);
      server.close();
      expect(r.code, `${t.name}: ${r.stderr}`).to.equal(t.code);
    }
  });
});
