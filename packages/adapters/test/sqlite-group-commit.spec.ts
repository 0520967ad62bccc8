import { expect } from 'chai';
import type { Database } from 'better-sqlite3';
import { createSqliteKnex } from '../src/sqlite/sqlite-knex.js';
import { GroupCommit } from '../src/sqlite/sqlite-group-commit.js';
import type { Knex } from 'knex';
import { describeEngine } from './harness.js';

/** The batching under SQLite's unit of work, driven directly. */
describeEngine('sqlite')('sqlite group commit', () => {
  let knex: Knex;
  let commits: GroupCommit;
  const rows = async () => ((await knex('t').orderBy('v')) as { v: number }[]).map((r) => r.v);

  beforeEach(async () => {
    knex = createSqliteKnex(':memory:');
    await knex.schema.createTable('p', (t) => t.integer('id').primary());
    await knex.schema.createTable('t', (t) => {
      t.integer('v');
      t.integer('p_id').references('id').inTable('p');
    });
    commits = new GroupCommit(knex, (scope, work) => work(scope));
  });
  afterEach(() => knex.destroy());

  const insert = (conn: Database, v: number, pId: number | null = null) =>
    conn.prepare('INSERT INTO t (v, p_id) VALUES (?, ?)').run(v, pId);

  it('shares one transaction among units that queued up, each seeing those before it', async () => {
    const seen = await Promise.all(
      [1, 2, 3].map((v) =>
        commits.run(async ({ conn }) => {
          insert(conn, v);
          return {
            inTransaction: conn.inTransaction,
            count: (conn.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n,
          };
        }),
      ),
    );
    expect(seen).to.deep.equal([1, 2, 3].map((count) => ({ inTransaction: true, count })));
    expect(await rows()).to.deep.equal([1, 2, 3]);
  });

  it('fails every unit of a batch whose COMMIT fails, and keeps none of them', async () => {
    const batch = [1, 2, 3].map((v) =>
      commits.run(async ({ conn }) => {
        // A deferred foreign-key violation only shows at COMMIT.
        if (v === 2) conn.pragma('defer_foreign_keys = ON');
        insert(conn, v, v === 2 ? 99 : null);
        return v;
      }),
    );
    const results = await Promise.allSettled(batch);
    expect(results.map((r) => r.status)).to.deep.equal(['rejected', 'rejected', 'rejected']);
    expect(await rows()).to.deep.equal([]);
    expect(await commits.run(async ({ conn }) => insert(conn, 7).changes)).to.equal(1); // and it recovers
    expect(await rows()).to.deep.equal([7]);
  });

  it('does not let a unit write once it has settled', async () => {
    let kept: { conn: Database; active: boolean } | undefined;
    await commits.run(async (scope) => {
      kept = scope;
    });
    expect(kept?.active).to.equal(false);
  });
});
