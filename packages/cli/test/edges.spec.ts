import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerHandle } from '@livedrops/http';
import { Person, removeDir, startApi, tempDir } from './api-server.js';

const PW = 'password-123';
const more = (stderr: string): string => /more: repeat with --after (\S+)/.exec(stderr)?.[1] ?? '';

describe('livedrops CLI: the edges a newcomer hits (subprocesses against a real API)', function () {
  this.timeout(60_000);
  let dir: string;
  let api: ServerHandle;
  let ada: Person;
  let fan: Person;
  let creatorId: string;
  before(async () => {
    dir = tempDir();
    api = await startApi(dir);
    ada = new Person(dir, 'ada', api.url);
    fan = new Person(dir, 'fan', api.url);
    creatorId = (
      await ada.json(
        ['register', '--handle', 'ada', '--creator', '--display-name', 'Ada Lovelace', '--password-stdin'],
        { input: PW },
      )
    ).user.id;
    await fan.json(['register', '--handle', 'fan_one', '--password-stdin'], { input: PW });
  });
  after(async () => {
    await api.close();
    removeDir(dir);
  });

  it('takes a handle wherever it takes a creator, and shows handles, not ids', async () => {
    const followed = await fan.run(['follow', 'ada']);
    expect(followed.code, followed.stderr).to.equal(0);
    expect(followed.stderr).to.equal('Now following @ada (Ada Lovelace)\n');
    expect(await fan.json(['follow', '@ADA'])).to.deep.include({
      creatorId,
      created: false,
      creator: { id: creatorId, handle: 'ada', displayName: 'Ada Lovelace' },
    });
    expect((await fan.json(['follow', creatorId])).created).to.equal(false); // an id still works
    const p = await ada.json(['product', 'create', '--title', 'Poster', '--price', '5']);
    await ada.json(['drop', 'schedule', '--product', p.id, '--starts-in', '1h', '--duration', '1h', '--stock', '3']);
    expect((await fan.json(['product', 'list', '--creator', 'ada'])).map((x: { id: string }) => x.id)).to.deep.equal([
      p.id,
    ]);
    const drops = await fan.json(['drop', 'list', '--creator', '@ada']);
    expect(drops[0].creator).to.deep.equal({ id: creatorId, handle: 'ada', displayName: 'Ada Lovelace' });
    for (const args of [
      ['drop', 'list', '--creator', 'ada'],
      ['product', 'list', '--creator', 'ada'],
    ]) {
      const table = await fan.run(args);
      expect(table.stdout, args.join(' '))
        .to.match(/ CREATOR /)
        .and.include(' @ada ')
        .and.not.include(creatorId);
    }
    expect((await fan.run(['drop', 'show', drops[0].id])).stdout).to.match(/^creator +@ada \(Ada Lovelace\)$/m);
    const found = await fan.run(['creators', 'ADA L']);
    expect(found.stdout).to.match(/^@ada +Ada Lovelace +1$/m);
    const unknown = await fan.run(['follow', 'nobody_here']);
    expect(unknown.code).to.equal(1);
    expect(unknown.stderr).to.equal(
      'livedrops: no creator "nobody_here" (neither a handle nor an id) — try: livedrops creators nobody_here\n',
    );
    expect((await fan.json(['unfollow', 'ada'])).following).to.equal(false);
  });

  it('upper-cases --currency, refuses codes ISO 4217 does not have, and counts JPY without decimals', async () => {
    const eur = await ada.json(['product', 'create', '--title', 'Half', '--price', '.5', '--currency', 'eur']);
    expect(eur).to.include({ priceCents: 50, currency: 'EUR' });
    const xyz = await ada.run(['product', 'create', '--title', 'X', '--price', '1', '--currency', 'XYZ']);
    expect(xyz.code).to.equal(2);
    expect(xyz.stderr).to.match(/invalid --currency "XYZ": not an ISO 4217 currency/);
    const jpy = await ada.run(['product', 'create', '--title', 'Tenugui', '--price', '1500', '--currency', 'jpy']);
    expect(jpy.stdout).to.match(/^Tenugui {2}1500 JPY$/m);
    const id = /^id +(\S+)$/m.exec(jpy.stdout)![1]!;
    expect((await ada.json(['product', 'update', id, '--price', '1200'])).priceCents).to.equal(1200);
    const cents = await ada.run(['product', 'update', id, '--price', '12.50']);
    expect([cents.code, cents.stderr]).to.deep.equal([
      2,
      'livedrops: invalid --price "12.50": JPY has no minor unit: a whole amount\n',
    ]);
    const d = await ada.run([
      'drop',
      'schedule',
      '--product',
      id,
      '--starts-in',
      '1h',
      '--duration',
      '1h',
      '--stock',
      '2',
    ]);
    expect(d.stdout).to.match(/^price +1200 JPY$/m);
  });

  it('names the flag the person typed, not the API field', async () => {
    const p = await ada.json(['product', 'create', '--title', 'Later', '--price', '5']);
    const past = await ada.run([
      'drop',
      'schedule',
      '--product',
      p.id,
      '--starts',
      '2020-01-01T00:00:00Z',
      '--duration',
      '1h',
      '--stock',
      '5',
    ]);
    expect([past.code, past.stderr]).to.deep.equal([
      2,
      'livedrops: invalid --starts/--duration: the drop would end at 2020-01-01T01:00:00.000Z, which has passed\n',
    ]);
    // Checked by the server: its field names come back as flags.
    const long = await ada.run(['product', 'create', '--title', 'x'.repeat(201), '--price', '5']);
    expect(long.code).to.equal(2);
    expect(long.stderr).to.match(/^livedrops: invalid --title: /);
    const stock = await ada.run([
      'drop',
      'schedule',
      '--product',
      'no_such_product',
      '--starts-in',
      '1m',
      '--duration',
      '1h',
      '--stock',
      '5',
    ]);
    expect(stock.stderr).to.match(/\(not_found\)/);
  });

  it('lists every drop status, sold_out and cancelled included', async () => {
    const d = await ada.upcomingDrop(2, 'Gone');
    await ada.json(['drop', 'cancel', d.id]);
    expect(
      (await ada.json(['drop', 'list', '--status', 'cancelled', '--mine'])).map((x: { id: string }) => x.id),
    ).to.deep.equal([d.id]);
    expect(await ada.json(['drop', 'list', '--status', 'sold_out', '--mine'])).to.deep.equal([]);
    const ended = await ada.run(['drop', 'list', '--status', 'ended', '--mine']);
    expect(ended.stdout).to.match(/ Gone +@ada +cancelled /);
    expect(ended.stderr).to.include('--status sold_out');
    expect((await ada.run(['drop', 'list', '--status', 'gone'])).stderr).to.match(
      /expected live, upcoming, sold_out, ended, cancelled/,
    );
  });

  it('pages every list: --limit, then --after the cursor it printed', async () => {
    for (const args of [
      ['product', 'list', '--mine'],
      ['drop', 'list', '--mine'],
    ]) {
      const all = (await ada.json([...args, '--limit', '100'])).map((x: { id: string }) => x.id);
      expect(all.length, args.join(' ')).to.be.at.least(2);
      const first = await ada.run([...args, '--limit', '1', '--json']);
      const second = await ada.run([...args, '--limit', '1', '--json', '--after', more(first.stderr)]);
      expect(
        [...JSON.parse(first.stdout), ...JSON.parse(second.stdout)].map((x: { id: string }) => x.id),
        args.join(' '),
      ).to.deep.equal(all.slice(0, 2));
    }
    const bad = await ada.run(['drop', 'list', '--after', 'not-a-cursor']);
    expect([bad.code, bad.stderr]).to.deep.equal([
      2,
      'livedrops: invalid --after: is not a cursor this API issued for this list\n',
    ]);
  });

  it('with --json, a failure is one JSON document on stdout too', async () => {
    const cases: Array<[Person, string[], number, string | undefined]> = [
      [ada, ['drop', 'show', 'nope'], 1, 'not_found'],
      [ada, ['drop', 'list', '--bogus'], 2, undefined],
      [new Person(dir, 'nobody', api.url), ['whoami'], 3, undefined],
      [ada, ['product', 'create', '--title', 'x', '--price', '1', '--currency', 'XYZ'], 2, undefined],
    ];
    for (const [who, args, exitCode, code] of cases) {
      const r = await who.run([...args, '--json']);
      expect(r.code, args.join(' ')).to.equal(exitCode);
      const doc = JSON.parse(r.stdout);
      expect(doc.error, args.join(' ')).to.include({ exitCode, message: r.stderr.trim().replace(/^livedrops: /, '') });
      if (code) expect(doc.error.code).to.equal(code);
    }
  });

  it('followers list explains itself to a fan; followers export has a default format', async () => {
    const notCreator = await fan.run(['followers', 'list']);
    expect(notCreator.code).to.equal(1);
    expect(notCreator.stderr).to.match(/@fan_one is a fan account: only creators have followers/);
    await fan.json(['follow', 'ada']);
    const csv = await ada.run(['followers', 'export']);
    expect(csv.stdout.split('\r\n')[0]).to.equal('id,handle,displayName,followedAt');
    const file = join(dir, 'f.jsonl');
    expect((await ada.run(['followers', 'export', '--output', file])).code).to.equal(0);
    expect(JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!).user.handle).to.equal('fan_one');
    const array = await ada.json(['followers', 'export']);
    expect(array.map((f: { user: { handle: string } }) => f.user.handle)).to.deep.equal(['fan_one']);
    expect(
      (await ada.json(['followers', 'list'])).map((f: { user: { handle: string } }) => f.user.handle),
    ).to.deep.equal(['fan_one']);
    expect((await ada.run(['followers', 'list'])).stdout).to.match(/^@fan_one +fan_one +\d{4}-/m);
  });
});
