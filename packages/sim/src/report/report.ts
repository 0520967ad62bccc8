import os from 'node:os';
import type { CheckResult, Observed } from '../history/observed.js';
import type { FailValue, Op, OrderInvoke, StockReading } from '../history/types.js';
import { ENDPOINT } from '../load/load-context.js';
import type { SimOptions } from '../options.js';
import type { LatencySummary } from './latency.js';
import type { TargetResult } from './targets.js';
import type { Timeline } from './timeline.js';
import type { LatencyOverTime, Marker } from './time-series.js';

export interface EndpointRow {
  name: string;
  ok: number;
  fail: number;
  /** Indeterminate: timeouts, resets, abandoned responses (never counted as failed). */
  info: number;
  latency: LatencySummary | null;
}

/** Everything a run found, as written to report.json and rendered as the table and the HTML page. */
export interface Report {
  scenario: string;
  /** The scenario in one line, with the numbers it ran with. */
  summary: string;
  verdict: 'pass' | 'fail';
  startedAt: string;
  target: { mode: 'embedded' | 'api'; url: string };
  machine: { cpus: number; cpu: string; memGiB: number; node: string; platform: string };
  options: Omit<SimOptions, 'log'>;
  setup: {
    users: number;
    seededVia: string;
    seedMs: number;
    streams: { requested: number; connected: number; failed: number; ms: number; via: 'sse' | 'ws' };
  };
  load: {
    durationMs: number;
    intents: { ok: number; fail: number; unknown: number };
    reads: number;
    offeredOrdersPerSec: number;
    offeredReadsPerSec: number;
  };
  endpoints: EndpointRow[];
  /** The load's order attempts by answer: `201 created`, `201 replayed`, `409 sold_out`, `no answer: timeout`… */
  orderOutcomes: Record<string, number>;
  /** The same for the checker's replays of keys left unknown, after the load. */
  replayOutcomes: Record<string, number>;
  latency: Record<string, LatencySummary>;
  timeline: Timeline;
  /** p50/p99 per second and endpoint, answered requests only. */
  latencyOverTime: LatencyOverTime;
  /** Drop starts and sell-outs, seconds since the load started. */
  markers: Marker[];
  /** Every drop's `available` as the API showed it during the load; `t` in seconds since the load started. */
  stockReadings: StockReading[];
  /** Notification arrival, cumulative: [ms since trigger, % arrived] per type and `all`. */
  notifyCdf: Record<string, Array<[number, number]>>;
  drops: Array<{ id: string; total: number; sold: number; available: number; status: string }>;
  resolution: { replayed: number; stillUnknown: number };
  check: CheckResult;
  targets: TargetResult[];
  server: { rssMiB: number | null; peakRssMiB: number | null; note: string };
  notificationsReceived: number;
  /** How much of the machine the load phase had (Linux); null where /proc is unreadable. */
  cpu: { oursCores: number; othersCores: number } | null;
  /** Sampled followers without a stream whose inbox showed the first drop's `drop.started`, and when the last one did. */
  inboxReach: { sampled: number; reached: number; allByMs: number | null };
  /** The log of a server the simulator started itself (--embedded): its file and last lines. */
  serverLog: { file: string; lines: string[]; total: number } | null;
}

/** Per endpoint: ok / fail / info counts from the history, latency from the HDR summaries. */
export function endpointRows(ops: Op[], latency: Record<string, LatencySummary>): EndpointRow[] {
  const rows = new Map<string, EndpointRow>();
  const resolves = new Set(
    ops.filter((o) => o.type === 'invoke' && (o.value as OrderInvoke).resolve).map((o) => o.index),
  );
  for (const op of ops) {
    if (op.type === 'invoke' || resolves.has(op.invoke ?? -1)) continue;
    const name = ENDPOINT[op.f];
    let row = rows.get(name);
    if (!row) rows.set(name, (row = { name, ok: 0, fail: 0, info: 0, latency: latency[name] ?? null }));
    row[op.type]++;
  }
  return [...rows.values()];
}

/** An order attempt's answer in words: the status with its meaning, or why there was none. */
function answer(op: Op): string {
  const v = op.value as { replayed?: boolean; error?: string };
  if (op.type === 'ok') return v.replayed ? '201 replayed' : '201 created';
  if (op.type === 'info') return `no answer: ${v.error}`;
  const f = op.value as FailValue;
  return f.status ? `${f.status} ${f.code}` : `no connection: ${f.code}`;
}

/** Order attempts by answer; `replays`: the checker's replays instead of the load's own. */
export function orderOutcomes(ops: Op[], replays = false): Record<string, number> {
  const resolves = new Set(
    ops.filter((o) => o.type === 'invoke' && (o.value as OrderInvoke).resolve).map((o) => o.index),
  );
  const out: Record<string, number> = {};
  for (const op of ops) {
    if (op.f !== 'order' || op.type === 'invoke' || resolves.has(op.invoke ?? -1) !== replays) continue;
    const key = answer(op);
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

export function dropRows(observed: Observed): Report['drops'] {
  return observed.drops.map((d) => ({
    id: d.id,
    total: d.total,
    sold: d.total - d.available,
    available: d.available,
    status: d.status,
  }));
}

export function machine(): Report['machine'] {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpu: cpus[0]?.model ?? 'unknown',
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}
