import { expect } from 'chai';
import { runScenario } from '../src/index.js';
import { mustHavePostgres, tryTestDatabase } from '@livedrops/test-support';
import { startTestServer, tempOut, type TestServer } from './support/servers.js';
import { SMALL } from './support/small.js';

// The production profile through --api: a server on PostgreSQL, the simulator seeding its
// users straight into that database. Latency targets are not asserted (a shared machine);
// the invariants are. Skipped loudly without PostgreSQL, failed under CI=true.
describe('scenarios on the production profile (PostgreSQL), over --api', function () {
  this.timeout(60_000);
  let db: { url: string; drop(): Promise<void> } | undefined;
  let server: TestServer | undefined;
  const out = tempOut('production');

  before(async function () {
    const r = await tryTestDatabase('livedrops_sim');
    if (typeof r === 'string') {
      if (mustHavePostgres()) throw new Error(`PostgreSQL is required under CI: ${r}`);
      console.warn(`\n!!! PostgreSQL not reachable (${r}): the simulator's production-profile runs are SKIPPED\n`);
      this.skip();
    }
    db = r as { url: string; drop(): Promise<void> };
    server = await startTestServer({}, db.url);
  });
  after(async () => {
    await server?.close();
    await db?.drop();
    out.remove();
  });

  for (const scenario of ['hot-drop', 'retry-storm'] as const) {
    it(`${scenario}: nothing oversold, duplicated or lost; every notification delivered`, async () => {
      const r = await runScenario({
        scenario,
        api: server!.url,
        databaseUrl: db!.url,
        ...SMALL,
        outDir: `${out.dir}/${scenario}`,
      });
      expect(r.report.check.violations, r.table).to.deep.equal([]);
      expect(r.report.drops[0]!.available).to.equal(0);
      expect(r.report.check.stats.indeterminateKeys).to.equal(0);
    });
  }
});
