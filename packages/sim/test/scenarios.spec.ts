import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { parseHistory, runScenario, type RunResult } from '../src/index.js';
import { SMALL } from './support/small.js';
import { tempOut } from './support/servers.js';

/**
 * The units-left series is the drops' own stock readings: at each bucket's end, the latest
 * reading of each charted drop (its total before the first), never a count of acknowledged orders.
 */
function expectStockFromReadings(r: RunResult): void {
  const { timeline, stockReadings, drops, load } = r.report;
  expect(stockReadings.length, 'stock readings').to.be.greaterThan(2);
  timeline.buckets.forEach((b, i) => {
    const end =
      i === timeline.buckets.length - 1
        ? Infinity
        : Math.min(load.durationMs / 1000, ((i + 1) * timeline.bucketMs) / 1000);
    timeline.charted.forEach((id, k) => {
      const seen = stockReadings.filter((s) => s.dropId === id && s.t <= end + 1e-9).at(-1);
      expect(b.perDrop[k], `bucket ${i}, drop ${id}`).to.equal(
        seen ? seen.available : drops.find((d) => d.id === id)!.total,
      );
    });
  });
  // The last reading is taken once the load is over: the chart ends where the drop ended (a sold-out
  // drop stays so; the checker's replays run later and may still place an order elsewhere).
  for (const d of drops.filter((x) => x.available === 0))
    expect(stockReadings.filter((s) => s.dropId === d.id).at(-1)!.available, d.id).to.equal(0);
  if (drops.every((d) => d.available === 0)) expect(timeline.buckets.at(-1)!.left).to.equal(0);
}

/** The page: settings, markers, the new charts, the server's log; no placeholder, no cut legend. */
function expectPage(r: RunResult, settings: RegExp[]): string {
  const html = readFileSync(r.files.html, 'utf8');
  expect(html).to.match(/<svg /);
  expect(html).to.not.match(/<script|src=|href=|@import/i); // self-contained: nothing fetched, nothing run
  expect(html).to.not.match(/\bof S units\b/); // no placeholder left in the text
  expect(html).to.include('<h2>Settings</h2>');
  for (const s of settings) expect(html).to.match(s);
  for (const title of [
    'Latency over time',
    'Notification arrival (cumulative)',
    "Units left (the API's stock readings)",
    'Completions per second',
  ]) {
    expect(html, title).to.include(`aria-label="${title}`);
  }
  expect((html.match(/class="marker-label">drop starts</g) ?? []).length, 'a start marker on each time chart').to.equal(
    3,
  );
  expect((html.match(/class="marker-label">sold out</g) ?? []).length, 'a sell-out marker on each time chart').to.equal(
    3,
  );
  // Legends whole, however long the series' name.
  expect(html)
    .to.include('>notification (all types, from trigger)</text>')
    .and.include('>orders without an answer/s</text>');
  expect(html)
    .to.include('<h2>Server log</h2>')
    .and.match(/ INFO {2}listening {2}url=http/);
  return html;
}

describe('scenarios on the embedded profile (small), against the real server', function () {
  this.timeout(60_000);

  it('hot-drop: sells out exactly, notifies every stream, and passes the checker; its report is whole', async () => {
    const out = tempOut('hot');
    try {
      const r = await runScenario({ scenario: 'hot-drop', embedded: true, ...SMALL, doubleTap: 0.2, outDir: out.dir });
      expect(r.report.check.violations, r.table).to.deep.equal([]);
      expect(r.report.verdict, r.table).to.equal('pass');
      expect(r.report.drops).to.deep.equal([
        { id: r.report.drops[0]!.id, total: 10, sold: 10, available: 0, status: 'sold_out' },
      ]);
      expect(r.report.check.stats.ackedOrders).to.be.at.most(10);
      expect(r.report.setup.streams.connected).to.equal(40);
      expect(r.report.latency['notify drop.started']?.count).to.equal(40);
      expect(r.report.latency['POST /v1/orders']?.p99).to.be.a('number');
      expect(r.report.summary).to.equal('One drop of 10 units, 4× oversubscribed: 40 buyers rush it at the start');
      // The history on disk is the one that was checked: every completion names its invoke.
      const ops = parseHistory(readFileSync(r.files.history, 'utf8'));
      expect(ops.length).to.be.greaterThan(0);
      expect(
        ops.every((op, i) => op.index === i + 1 && (op.type === 'invoke' || ops[op.invoke! - 1]!.type === 'invoke')),
      ).to.equal(true);
      expectStockFromReadings(r);
      expect(r.report.latencyOverTime.find((s) => s.series === 'POST /v1/orders')!.points.length).to.be.greaterThan(0);
      const cdf = r.report.notifyCdf['drop.started']!;
      expect(cdf[100]![1]).to.equal(100);
      expect(cdf.map(([ms]) => ms)).to.deep.equal(cdf.map(([ms]) => ms).sort((a, b) => a - b));
      expect(cdf[100]![0]).to.be.closeTo(r.report.latency['notify drop.started']!.max, 1);
      expectPage(r, [/<td>double taps<\/td><td>20 % of intents/, /<td>client timeout<\/td><td>5 s per attempt/]);
      // Answers as words beside their counts, and the checker's replays kept apart.
      expect(
        Object.keys(r.report.orderOutcomes).every((k) =>
          /^(201 created|201 replayed|\d{3} [a-z_]+|no answer: \w+|no connection: \w+)$/.test(k),
        ),
      ).to.equal(true);
      expect(r.table).to.match(/^order answers \(attempts × answer\): [\d,]+ × (201 created|409 \w+)/m);
    } finally {
      out.remove();
    }
  });

  it('hot-drop with --streams-via ws: the same checker passes on GraphQL subscriptions over WebSocket', async () => {
    const out = tempOut('hot-ws');
    try {
      const r = await runScenario({
        scenario: 'hot-drop',
        embedded: true,
        ...SMALL,
        streamsVia: 'ws',
        outDir: out.dir,
      });
      expect(r.report.check.violations, r.table).to.deep.equal([]);
      expect(r.report.verdict, r.table).to.equal('pass');
      expect(r.report.setup.streams).to.include({ connected: 40, via: 'ws' });
      expect(r.report.latency['notify drop.started']?.count).to.equal(40);
      expect(r.table).to.include('GraphQL over WebSocket');
    } finally {
      out.remove();
    }
  });

  it('retry-storm: timeouts and lost responses are info, retried with the same key; nothing duplicated or lost; targets read', async () => {
    const out = tempOut('storm');
    try {
      // Tight timeouts and no retries left for some: the checker must replay their keys.
      const r = await runScenario({
        scenario: 'retry-storm',
        embedded: true,
        ...SMALL,
        readRate: 0,
        abandon: 0.3,
        doubleTap: 0.3,
        retry: { timeoutMs: 40, retries: 1, baseMs: 10, capMs: 50 },
        outDir: out.dir,
      });
      expect(r.report.check.violations, r.table).to.deep.equal([]);
      const infos = Object.entries(r.report.orderOutcomes)
        .filter(([k]) => k.startsWith('no answer'))
        .reduce((s, [, n]) => s + n, 0);
      expect(infos, JSON.stringify(r.report.orderOutcomes)).to.be.greaterThan(0);
      expect(r.report.check.stats.infoResolved).to.equal(infos);
      expect(r.report.check.stats.indeterminateKeys).to.equal(0);
      expect(r.report.drops[0]!.available).to.equal(0);
      expectStockFromReadings(r); // sold out is what the chart shows, whatever the buyers heard
      // Targets: every key resolved (met, by the replays); the intent p99 over every intent, unknown ones included.
      const [resolved, intent] = r.report.targets;
      expect(resolved).to.deep.include({ unit: 'keys', actual: 0, limit: 0, met: true });
      const i = r.report.load.intents;
      const settled = r.report.latency['order intent (incl. retries)']?.count ?? 0;
      expect(settled).to.equal(i.ok + i.fail);
      if (i.unknown / (i.ok + i.fail + i.unknown) > 0.01) expect(intent).to.deep.include({ actual: null, met: false });
      else expect(intent!.actual).to.be.a('number');
      expect(r.report.verdict).to.equal(intent!.met ? 'pass' : 'fail');
      // Each latency row says how many attempts it covers.
      const orders = r.report.endpoints.find((e) => e.name === 'POST /v1/orders')!;
      expect(r.table).to.include(
        `POST /v1/orders: latency covers the ${(orders.latency?.count ?? 0).toLocaleString('en-US')} answered of ${(orders.ok + orders.fail + orders.info).toLocaleString('en-US')} attempts`,
      );
      expect(readFileSync(r.files.html, 'utf8'))
        .to.match(/<td>lost answers<\/td><td>30 % of attempts/)
        .and.match(/ of [\d,]+ attempts<\/td>/);
    } finally {
      out.remove();
    }
  });
});
