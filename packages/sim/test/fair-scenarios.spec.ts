import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../src/index.js';

describe('sim queue-storm and draw (embedded, small)', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'livedrops-fair-sim-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('queue-storm: everyone joins in the last second; admissions within the stock; the checker passes', async () => {
    const r = await runScenario({
      scenario: 'queue-storm',
      embedded: true,
      buyers: 80,
      stock: 10,
      leadMs: 2000,
      durationMs: 15_000,
      progress: 'none',
      outDir: join(dir, 'q'),
    });
    expect(r.report.check.violations).to.deep.equal([]);
    // The warm-up's own room (on by default) is neither counted nor in the way: one join and at
    // most one order per user, each order under a key of its own drop.
    expect(r.report.outcomes['POST queue 201']).to.equal(80);
    expect(r.report.outcomes['POST /v1/orders 201']).to.equal(10);
    expect(Object.keys(r.report.outcomes).filter((k) => !k.endsWith(' 201'))).to.deep.equal([]);
    expect(r.report.latency['position known after start']?.count).to.be.greaterThan(0);
  });

  it('draw: entries over the lead time; winners held; the published order verifies', async () => {
    const r = await runScenario({
      scenario: 'draw',
      embedded: true,
      buyers: 40,
      stock: 5,
      leadMs: 2500,
      progress: 'none',
      outDir: join(dir, 'd'),
    });
    expect(r.report.check.violations).to.deep.equal([]);
    expect(r.report.outcomes['POST entries 201']).to.equal(40);
    expect(r.report.verdict).to.equal('pass');
  });
});
