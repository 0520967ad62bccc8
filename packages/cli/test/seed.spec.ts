import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { ServerHandle } from '@livedrops/http';
import { Person, removeDir, startApi, tempDir } from './api-server.js';
import { runCli } from './cli-process.js';
import { pg, sql } from './cluster/services.js';

describe('livedrops seed (subprocess, embedded SQLite)', function () {
  this.timeout(60_000);
  let dir: string;
  let db: string;
  beforeEach(() => {
    dir = tempDir();
    db = `sqlite:${join(dir, 'seed.db')}`;
  });
  afterEach(() => removeDir(dir));

  it('--demo makes a world a newcomer can log in to, and --followers adds a crowd fast', async () => {
    const demo = await runCli(['seed', '--demo', '--database-url', db, '--json']);
    expect(demo.code, demo.stderr).to.equal(0);
    const world = JSON.parse(demo.stdout);
    expect(world.creator.handle).to.equal('demo_creator');
    expect(world.products).to.have.length(3);
    const startsIn = Date.parse(world.drop.startsAt) - Date.now();
    expect(startsIn).to.be.within(30_000, 60_000);

    const started = Date.now();
    const bulk = await runCli([
      'seed',
      '--followers',
      '20000',
      '--creator',
      'demo_creator',
      '--database-url',
      db,
      '--json',
    ]);
    expect(bulk.code, bulk.stderr).to.equal(0);
    expect(Date.now() - started).to.be.below(20_000); // ~0.5 s of work; generous for a shared CI box
    expect(JSON.parse(bulk.stdout)).to.include({ created: 20000, followerCount: 20000 + world.followers });
    expect(bulk.stderr).to.include('seeded 20000/20000 followers');

    let api: ServerHandle | undefined;
    try {
      api = await startApi(dir, 'seed.db');
      const creator = new Person(dir, 'creator', api.url);
      const me = await creator.json(['login', '--handle', world.creator.handle, '--password-stdin'], {
        input: world.creator.password,
      });
      expect(me.user.isCreator).to.equal(true);
      const drops = await creator.json(['drop', 'list', '--mine', '--status', 'upcoming']);
      expect(drops.map((d: { id: string }) => d.id)).to.deep.equal([world.drop.id]);
      const fan = new Person(dir, 'fan', api.url);
      await fan.json(['login', '--handle', world.fan.handle, '--password-stdin'], { input: world.fan.password });
      // Seeded followers exist and follow, but their placeholder hash lets nobody in.
      const fake = await fan.run(['login', '--handle', 'fan_x_1', '--password-stdin'], { input: 'whatever1' });
      expect(fake.code).to.equal(3);
      const exp = await creator.run(['followers', 'export', '--format', 'jsonl']);
      expect(exp.code, exp.stderr).to.equal(0);
      const ids = exp.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).user.id);
      expect(ids).to.have.length(20000 + world.followers);
      expect(new Set(ids).size).to.equal(ids.length); // every page walked once, nothing twice
      // The demo's products carry generated images, served from the directory beside the database.
      for (const p of world.products) {
        const image = await fetch(new URL(p.image, api.url));
        expect(image.status, p.title).to.equal(200);
        expect(image.headers.get('content-type')).to.equal('image/jpeg');
      }
      const found = await fan.json(['search', 'vinyl', 'dep']);
      expect(found.map((x: { title: string }) => x.title)).to.deep.equal(['Live at the Depot — vinyl']);
      const png = join(dir, 'poster.png');
      writeFileSync(
        png,
        await sharp({ create: { width: 900, height: 300, channels: 3, background: '#123' } })
          .png()
          .toBuffer(),
      );
      const updated = await creator.json(['product', 'image', world.products[0].id, png]);
      expect(updated.image).to.include({ width: 900, height: 300 });
      expect((await fetch(new URL(updated.image.variants['640'], api.url))).status).to.equal(200);
      const missing = await creator.run(['product', 'image', world.products[0].id, join(dir, 'nope.png')]);
      expect(missing.code).to.equal(2);
      expect(missing.stderr).to.include('no such file');
      writeFileSync(join(dir, 'notes.png'), 'not a picture at all');
      const text = await creator.run(['product', 'image', world.products[0].id, join(dir, 'notes.png')]);
      expect(text.code, text.stderr).to.not.equal(0);
      expect(text.stderr).to.match(/JPEG, PNG or WebP/);
    } finally {
      await api?.close();
    }
  });

  it('refuses bad combinations (exit 2) and unknown creators (exit 1)', async () => {
    expect((await runCli(['seed', '--database-url', db])).code).to.equal(2);
    expect((await runCli(['seed', '--followers', '10', '--database-url', db])).code).to.equal(2);
    expect((await runCli(['seed', '--followers', 'lots', '--creator', 'x', '--database-url', db])).code).to.equal(2);
    expect((await runCli(['seed', '--demo', '--database-url', 'sqlite::memory:'])).code).to.equal(2);
    const r = await runCli(['seed', '--followers', '10', '--creator', 'nobody_here', '--database-url', db]);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.equal('livedrops: no user with handle "nobody_here"\n');
  });
});

describe('livedrops seed (subprocess, PostgreSQL)', function () {
  this.timeout(60_000);
  let database: { name: string; url: string } | undefined;
  before(async function () {
    try {
      database = await pg.createDatabase();
    } catch (e) {
      if (process.env.CI === 'true' || process.env.CI === '1') throw e;
      console.warn(
        `\n!!! PostgreSQL not reachable (${(e as Error).message}): seed on PostgreSQL is SKIPPED (CI=true makes this a failure)\n`,
      );
      this.skip();
    }
  });
  after(async () => {
    if (database) await pg.dropDatabase(database.name);
  });

  it('--demo and --followers write to a postgres:// database (migrated on the way)', async () => {
    const demo = await runCli(['seed', '--demo', '--database-url', database!.url, '--json']);
    expect(demo.code, demo.stderr).to.equal(0);
    const world = JSON.parse(demo.stdout);
    const bulk = await runCli([
      'seed',
      '--followers',
      '3000',
      '--creator',
      'demo_creator',
      '--database-url',
      database!.url,
      '--json',
    ]);
    expect(bulk.code, bulk.stderr).to.equal(0);
    expect(JSON.parse(bulk.stdout)).to.include({ created: 3000, followerCount: 3000 + world.followers });
    // Counted independently of the CLI, straight from the tables.
    const [[users], [edges]] = await Promise.all([
      sql(database!.url, "SELECT count(*) FROM users WHERE password_hash = '!seeded'"),
      sql(database!.url, `SELECT count(*) FROM follows WHERE creator_id = '${world.creator.id}'`),
    ]);
    expect(Number(users![0])).to.be.at.least(3000);
    expect(Number(edges![0])).to.equal(3000 + world.followers);
  });
});
