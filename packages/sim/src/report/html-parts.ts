import type { SimOptions } from '../options.js';
import type { Report } from './report.js';
import { lineChart, type Series } from './svg.js';

export const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function table(head: string[], rows: Array<Array<string | number>>): string {
  return `<table><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(String(c))}</td>`).join('')}</tr>`)
    .join('')}</table>`;
}

const n = (x: number): string => x.toLocaleString('en-US');
const ms = (x: number): string => (x >= 1000 ? `${+(x / 1000).toFixed(2)} s` : `${x} ms`);
const pct = (p: number): string => `${+(p * 100).toFixed(1)} %`;

/** The knobs the run was given, in words: what "a retry storm" meant this time. */
export function settings(o: Omit<SimOptions, 'log'>): string {
  const load =
    o.closed > 0
      ? `${n(o.closed)} buyers ordering back to back (closed model)`
      : `${n(o.rate)} order intents/s, ${o.arrivals} arrivals`;
  const limit = o.perUserLimit ?? 'none';
  const rows: Array<[string, string]> = [
    ['load', `${load}; ${n(o.readRate)} reads/s; for ${ms(o.durationMs)}`],
    [
      'people',
      `${n(o.buyers)} buyers, ${n(o.followers)} followers, ${n(o.streams)} with a stream, ${n(o.inboxSamples)} inboxes sampled`,
    ],
    [
      'drops',
      `${n(o.drops)} of ${n(o.stock)} units by ${n(o.creators)} creator(s); per-user limit ${limit}; 1–${o.quantityMax} units an order`,
    ],
    ['client timeout', `${ms(o.retry.timeoutMs)} per attempt (then the answer is unknown and the key retried)`],
    [
      'retries',
      `${o.retry.retries}, same key and body, full-jitter backoff from ${ms(o.retry.baseMs)} up to ${ms(o.retry.capMs)}`,
    ],
    ['lost answers', `${pct(o.abandon)} of attempts: the connection is dropped after sending`],
    ['double taps', `${pct(o.doubleTap)} of intents send the same request twice`],
    [
      'timing',
      `drops start ${ms(o.leadMs)} after creation (${ms(o.warmUpMs)} warm-up), ${ms(o.staggerMs)} apart; ${ms(o.settleMs)} to settle`,
    ],
    ['client', `${n(o.connections)} keep-alive connections; seed ${o.seed}`],
  ];
  return table(['setting', 'value'], rows);
}

/** p99 (solid) and p50 (dashed) per second for each endpoint, with the drops' start and sell-out. */
export function latencyOverTimeChart(r: Report): string {
  const series: Series[] = r.latencyOverTime.flatMap((s, i) => [
    { name: `${s.series} p99`, points: s.points.map((p) => [p.t, p.p99] as [number, number]), colourOf: i },
    {
      name: `${s.series} p50`,
      points: s.points.map((p) => [p.t, p.p50] as [number, number]),
      colourOf: i,
      dashed: true,
    },
  ]);
  const title = 'Latency over time (answered requests, per second of completion)';
  return lineChart(series, {
    title,
    xLabel: 'seconds since the load started',
    yLabel: 'ms (log)',
    logY: true,
    dots: true,
    ...timeAxis(r),
  });
}

/** The share of notifications that had arrived so many ms after their trigger. */
export function notificationCdfChart(r: Report): string {
  const series: Series[] = Object.entries(r.notifyCdf).map(([type, points]) => ({
    name: type === 'all' ? 'all types' : type,
    points,
  }));
  return lineChart(series, {
    title: 'Notification arrival (cumulative)',
    xLabel: 'ms after the trigger',
    yLabel: '% arrived',
  });
}

/** What every time chart shares: the whole load on the x axis, and the drops' start and sell-out. */
export const timeAxis = (r: Report): { markers: Array<{ x: number; label: string }>; xRange: [number, number] } => ({
  markers: r.markers.map((k) => ({ x: k.t, label: k.label })),
  xRange: [0, r.load.durationMs / 1000],
});

/** The end of the server's own log, when the simulator started that server. */
export function serverLog(r: Report): string {
  const log = r.serverLog;
  if (!log) return '';
  const skipped = log.total - log.lines.length;
  const shown = skipped ? `, the last ${n(log.lines.length)} shown` : '';
  return `<h2>Server log</h2><p>${esc(log.file)}: ${n(log.total)} lines${shown} (start-up, failures, slow requests).</p>
<pre>${esc(log.lines.join('\n')) || '(empty)'}</pre>`;
}
