import { searchTerms, type Cursor } from '@livedrops/core';
import { expect } from 'chai';
import pg from 'pg';
import { PgSearchIndex } from '../../src/postgres/pg-search.js';
import { FakeClock } from '../../src/system/clocks.js';
import { selectedAdapters } from '../harness.js';
import { describePostgres, freshDatabase } from './pg-harness.js';
import { pgFixtures, pgInstance, type PgAdapters } from './pg-instances.js';

// The PostgreSQL search's two paths per tier (a window of the newest rows, then the GIN index)
// and its prefix expansion (exact words, or a GIN prefix scan past 64 words) must give the
// same pages as the plain definition: title matches newest first, then the rest newest first.
describePostgres(selectedAdapters())('postgres: search paths', () => {
  let data: PgAdapters;
  let pool: pg.Pool;
  const clock = new FakeClock();
  before(async () => {
    const url = await freshDatabase();
    data = (await pgInstance(url, clock, 'search-plans')).data;
    pool = new pg.Pool({ connectionString: url, max: 2 });
  });
  after(async () => {
    await pool?.end();
    await data?.close();
  });

  async function walk(index: PgSearchIndex, text: string, limit: number): Promise<string[]> {
    const ids: string[] = [];
    let after: Cursor | undefined;
    do {
      const page = await index.products({ terms: searchTerms(text) }, { limit, after });
      ids.push(...page.items.map((p) => p.id));
      after = page.next ?? undefined;
    } while (after);
    return ids;
  }

  it('a small window and the GIN index agree with the definition, across tiers and pages', async () => {
    const f = pgFixtures(data, clock);
    const creator = await f.creator();
    const titled: string[] = [];
    const described: string[] = [];
    for (let i = 0; i < 60; i++) {
      clock.advance(1_000);
      const title = i % 7 === 0 ? `Rare vinyl ${i}` : `Common poster ${i}`;
      const p = await f.product(creator.id, { title, description: i % 5 === 0 ? 'pairs with a vinyl' : null });
      if (i % 7 === 0) titled.unshift(p.id);
      else if (i % 5 === 0) described.unshift(p.id);
    }
    const expected = [...titled, ...described];
    for (const window of [2, 8, 4096]) {
      for (const limit of [1, 3, 50]) {
        const found = await walk(new PgSearchIndex(pool, window), 'vin', limit);
        expect(found, `window ${window}, limit ${limit}`).to.deep.equal(expected);
      }
    }
  });

  it('a prefix of more than 64 words is read as a prefix; one of none finds nothing', async () => {
    const f = pgFixtures(data, clock);
    const creator = await f.creator();
    const made: string[] = [];
    for (let i = 0; i < 70; i++) {
      clock.advance(1_000);
      made.unshift((await f.product(creator.id, { title: `Zork${i} edition` })).id);
    }
    expect(await walk(new PgSearchIndex(pool, 16), 'zork', 20)).to.deep.equal(made);
    const tens = made.filter((_, i) => /^1\d?$/.test(String(69 - i)));
    expect(await walk(new PgSearchIndex(pool, 16), 'edition zork1', 4)).to.deep.equal(tens);
    expect(await walk(new PgSearchIndex(pool, 16), 'zorkq', 5)).to.deep.equal([]);
  });
});
