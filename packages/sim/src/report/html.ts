import { esc, latencyOverTimeChart, notificationCdfChart, serverLog, settings, table, timeAxis } from './html-parts.js';
import type { LatencySummary } from './latency.js';
import type { Report } from './report.js';
import { lineChart, type Series } from './svg.js';

const PCTS: Array<[string, keyof LatencySummary]> = [
  ['p50', 'p50'],
  ['p90', 'p90'],
  ['p95', 'p95'],
  ['p99', 'p99'],
  ['p99.9', 'p999'],
  ['max', 'max'],
];
const sorted = (o: Record<string, number>): Array<[string, number]> => Object.entries(o).sort((a, b) => b[1] - a[1]);

/** How many requests each latency row stands for, out of how many attempts. */
function coverage(r: Report, name: string, l: LatencySummary): string {
  const row = r.endpoints.find((e) => e.name === name);
  if (row)
    return `${l.count.toLocaleString('en-US')} of ${(row.ok + row.fail + row.info).toLocaleString('en-US')} attempts`;
  const i = r.load.intents;
  if (name.startsWith('order intent'))
    return `${l.count.toLocaleString('en-US')} of ${(i.ok + i.fail + i.unknown).toLocaleString('en-US')} intents`;
  return l.count.toLocaleString('en-US');
}

/** One self-contained page: inline CSS and SVG, no scripts, no network. */
export function renderHtml(r: Report): string {
  const t = r.timeline;
  // Rates at each bucket's middle (the last one may be short); stock at each bucket's end.
  const span = (i: number): number =>
    Math.min(t.bucketMs / 1000, r.load.durationMs / 1000 - t.buckets[i]!.t) || t.bucketMs / 1000;
  const mid = (i: number): number => t.buckets[i]!.t + span(i) / 2;
  // A last bucket much shorter than the others would turn a handful of stragglers into a spike.
  const full = t.buckets.map((b, i) => [b, i] as const).filter(([, i]) => span(i) >= t.bucketMs / 2000);
  const rate = (pick: (b: (typeof t.buckets)[number]) => number): Array<[number, number]> =>
    full.map(([b, i]) => [mid(i), pick(b) / span(i)]);
  const throughput: Series[] = [
    { name: 'orders ok/s', points: rate((b) => b.ordersOk) },
    { name: 'orders refused/s', points: rate((b) => b.ordersRefused) },
    { name: 'orders without an answer/s', points: rate((b) => b.ordersInfo) },
    { name: 'reads/s', points: rate((b) => b.reads) },
  ];
  const end = (i: number): number => t.buckets[i]!.t + span(i);
  const totalOf = (id: string): number => r.drops.find((d) => d.id === id)?.total ?? 0;
  const stock: Series[] = [
    ...(t.charted.length > 1
      ? [
          {
            name: 'all drops',
            points: [
              [0, r.drops.reduce((s, d) => s + d.total, 0)],
              ...t.buckets.map((b, i) => [end(i), b.left]),
            ] as Array<[number, number]>,
          },
        ]
      : []),
    ...t.charted.map((id, k) => ({
      name: `drop …${id.slice(-6)}`,
      points: [[0, totalOf(id)], ...t.buckets.map((b, i) => [end(i), b.perDrop[k]!])] as Array<[number, number]>,
    })),
  ];
  const ladder = (names: string[]): Series[] =>
    names
      .filter((n) => r.latency[n])
      .map((n) => ({ name: n, points: PCTS.map(([, k], i) => [i, r.latency[n]![k] as number] as [number, number]) }));
  const xTicks = PCTS.map(([label], i) => [i, label] as [number, string]);
  const isNotify = (n: string): boolean => n.startsWith('notif') || n.startsWith('inbox');
  const c = r.check.stats;
  const s = r.setup.streams;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>livedrops sim ${esc(r.scenario)}: ${r.verdict}</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:980px;color:#111}h1 .pass{color:#16a34a}h1 .fail{color:#dc2626}
table{border-collapse:collapse;margin:.5rem 0 1.2rem}td,th{border:1px solid #ddd;padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}
svg{display:block;margin:.5rem 0 1.5rem;font-size:11px}svg .title{font-weight:600;font-size:13px}svg .grid{stroke:#eee}svg .axis{fill:#555}
svg .marker{stroke:#6b7280;stroke-dasharray:2 3}svg .marker-label{fill:#374151}pre{background:#f9fafb;border:1px solid #e5e7eb;padding:.5rem;overflow-x:auto;font-size:12px}
.violation{color:#dc2626}code{background:#f3f4f6;padding:1px 4px}</style></head><body>
<h1>livedrops sim ${esc(r.scenario)}: <span class="${r.verdict}">${r.verdict.toUpperCase()}</span></h1>
<p>${esc(r.summary)}.<br>${r.target.mode} server ${esc(r.target.url)}, seed ${r.options.seed}, started ${esc(r.startedAt)};
${r.machine.cpus} × ${esc(r.machine.cpu)}, ${r.machine.memGiB} GiB, Node ${esc(r.machine.node)}.<br>
${r.setup.users.toLocaleString('en-US')} users (via ${r.setup.seededVia}, ${(r.setup.seedMs / 1000).toFixed(1)} s); ${s.connected}/${s.requested} streams;
${r.load.offeredOrdersPerSec}/s order intents and ${r.load.offeredReadsPerSec}/s reads for ${(r.load.durationMs / 1000).toFixed(1)} s.
${r.inboxReach.sampled ? `<br>Inboxes: ${r.inboxReach.reached}/${r.inboxReach.sampled} sampled followers without a stream saw drop.started${r.inboxReach.allByMs === null ? '' : `, all by +${r.inboxReach.allByMs} ms`}.` : ''}</p>
<h2>Settings</h2>${settings(r.options)}
<h2>Checker: ${r.check.valid ? 'valid' : '<span class="violation">invalid</span>'}</h2>
${table(
  [
    'oversold units',
    'duplicate orders',
    'lost acknowledged orders',
    'stale reads',
    'missing notifications',
    'duplicate notifications',
    'keys still unknown',
    'info resolved by replay',
  ],
  [
    [
      c.oversoldUnits,
      c.duplicateOrders,
      c.lostOrders,
      c.staleReads,
      c.missingNotifications,
      c.duplicateNotifications,
      c.indeterminateKeys,
      c.infoResolved,
    ],
  ],
)}
${r.check.violations
  .slice(0, 100)
  .map(
    (v) =>
      `<p class="violation">[${esc(v.kind)}] ${esc(v.message)}${v.ops.length ? ` (history.jsonl lines ${v.ops.join(', ')})` : ''}</p>`,
  )
  .join('')}
${
  r.targets.length
    ? `<h2>Targets</h2>${table(
        ['target', 'read as', 'measured', 'limit', 'met'],
        r.targets.map((tg) => [
          tg.label,
          tg.basis,
          tg.actual === null ? 'none' : `${tg.actual} ${tg.unit}`,
          `${tg.limit} ${tg.unit}`,
          tg.met ? 'yes' : 'NO',
        ]),
      )}`
    : ''
}
<h2>Latency</h2><p>Milliseconds from each request's due time (open model: queueing counts), HDR histograms. A row covers the attempts that got an answer: a timed-out or lost one has no latency (see the intent row, retries included).</p>
${table(
  ['series', 'covers', 'p50', 'p90', 'p95', 'p99', 'p99.9', 'max'],
  Object.entries(r.latency).map(([n, l]) => [n, coverage(r, n, l), l.p50, l.p90, l.p95, l.p99, l.p999, l.max]),
)}
${lineChart(ladder(Object.keys(r.latency).filter((n) => !isNotify(n))), { title: 'Request latency by percentile', xLabel: 'percentile', yLabel: 'ms (log)', logY: true, xTicks })}
${latencyOverTimeChart(r)}
${lineChart(ladder(Object.keys(r.latency).filter(isNotify)), { title: 'Notification latency by percentile', xLabel: 'percentile', yLabel: 'ms (log)', logY: true, xTicks })}
${notificationCdfChart(r)}
${table(
  ['endpoint', 'ok', 'fail', 'no answer (info)'],
  r.endpoints.map((e) => [e.name, e.ok, e.fail, e.info]),
)}
<h2>Throughput and stock over time</h2>
${lineChart(throughput, { title: 'Completions per second', xLabel: 'seconds since the load started', yLabel: 'per second', ...timeAxis(r) })}
${lineChart(stock, { title: "Units left (the API's stock readings)", xLabel: 'seconds since the load started', yLabel: 'units', ...timeAxis(r) })}
<h2>Order answers</h2>${table(['answer', 'attempts'], sorted(r.orderOutcomes))}
${Object.keys(r.replayOutcomes).length ? `<p>The checker's replays of keys left unknown, after the load:</p>${table(['answer', 'replays'], sorted(r.replayOutcomes))}` : ''}
<h2>Drops</h2>${table(
    ['drop', 'total', 'sold', 'available', 'status'],
    r.drops.slice(0, 100).map((d) => [d.id, d.total, d.sold, d.available, d.status]),
  )}
<p>CPU during the load: ${r.cpu ? `${r.cpu.oursCores} cores for the simulator (and an embedded server), ${r.cpu.othersCores} for other processes` : 'n/a'}.
Server RSS: ${r.server.rssMiB === null ? 'n/a' : `${r.server.rssMiB.toFixed(0)} MiB at the end, ${r.server.peakRssMiB?.toFixed(0)} MiB peak (${esc(r.server.note)})`}.</p>
${serverLog(r)}
</body></html>
`;
}
