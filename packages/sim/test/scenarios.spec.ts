import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { parseHistory, runScenario } from '../src/index.js';
import { SMALL } from './support/small.js';
import { tempOut } from './support/servers.js';

describe('scenarios on the embedded profile (small), against the real server', function () {
  this.timeout(60_000);

  it('hot-drop: sells out exactly, notifies every stream, and passes the checker', async () => {
    const out = tempOut('hot');
    try {
      const r = await runScenario({ scenario: 'hot-drop', embedded: true, ...SMALL, doubleTap: 0.2, outDir: out.dir });
      expect(r.report.check.violations, r.table).to.deep.equal([]);
      expect(r.report.verdict, r.table).to.equal('pass');
      expect(r.report.drops).to.deep.equal([{ id: r.report.drops[0]!.id, total: 10, sold: 10, available: 0, status: 'sold_out' }]);
      expect(r.report.check.stats.ackedOrders).to.be.at.most(10);
      expect(r.report.setup.streams.connected).to.equal(40);
      expect(r.report.latency['notify drop.started']?.count).to.equal(40);
      expect(r.report.latency['POST /v1/orders']?.p99).to.be.a('number');
      // The history on disk is the one that was checked: every completion names its invoke.
      const ops = parseHistory(readFileSync(r.files.history, 'utf8'));
      expect(ops.length).to.be.greaterThan(0);
      expect(ops.every((op, i) => op.index === i + 1 && (op.type === 'invoke' || ops[op.invoke! - 1]!.type === 'invoke'))).to.equal(true);
      // Self-contained HTML: charts inline, nothing fetched, nothing run.
      const html = readFileSync(r.files.html, 'utf8');
      expect(html).to.match(/<svg /);
      expect(html).to.not.match(/<script|src=|href=|@import/i);
    } finally {
      out.remove();
    }
  });

  it('hot-drop with --streams-via ws: the same checker passes on GraphQL subscriptions over WebSocket', async () => {
    const out = tempOut('hot-ws');
    try {
      const r = await runScenario({ scenario: 'hot-drop', embedded: true, ...SMALL, streamsVia: 'ws', outDir: out.dir });
      expect(r.report.check.violations, r.table).to.deep.equal([]);
      expect(r.report.verdict, r.table).to.equal('pass');
      expect(r.report.setup.streams).to.include({ connected: 40, via: 'ws' });
      expect(r.report.latency['notify drop.started']?.count).to.equal(40);
      expect(r.table).to.include('GraphQL over WebSocket');
    } finally {
      out.remove();
    }
  });

  it('retry-storm: timeouts and lost responses are info, retried with the same key; nothing duplicated or lost', async () => {
    const out = tempOut('storm');
    try {
      // Tight timeouts and no retries left for some: the checker must replay their keys.
      const r = await runScenario({ scenario: 'retry-storm', embedded: true, ...SMALL, readRate: 0, abandon: 0.3, doubleTap: 0.3, retry: { timeoutMs: 40, retries: 1, baseMs: 10, capMs: 50 }, outDir: out.dir });
      expect(r.report.check.violations, r.table).to.deep.equal([]);
      expect(r.report.verdict).to.equal('pass');
      const infos = Object.entries(r.report.orderOutcomes).filter(([k]) => k.startsWith('info')).reduce((s, [, n]) => s + n, 0);
      expect(infos, JSON.stringify(r.report.orderOutcomes)).to.be.greaterThan(0);
      expect(r.report.check.stats.infoResolved).to.equal(infos);
      expect(r.report.check.stats.indeterminateKeys).to.equal(0);
      expect(r.report.drops[0]!.available).to.equal(0);
    } finally {
      out.remove();
    }
  });
});
