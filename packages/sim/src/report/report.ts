import os from 'node:os';
import type { CheckResult, Observed } from '../history/observed.js';
import type { FailValue, Op, OrderInvoke } from '../history/types.js';
import { ENDPOINT } from '../load/load-context.js';
import type { SimOptions } from '../options.js';
import type { LatencySummary } from './latency.js';
import type { TargetResult } from './targets.js';
import type { Timeline } from './timeline.js';

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
  summary: string;
  verdict: 'pass' | 'fail';
  startedAt: string;
  target: { mode: 'embedded' | 'api'; url: string };
  machine: { cpus: number; cpu: string; memGiB: number; node: string; platform: string };
  options: Omit<SimOptions, 'log'>;
  setup: { users: number; seededVia: string; seedMs: number; streams: { requested: number; connected: number; failed: number; ms: number; via: 'sse' | 'ws' } };
  load: { durationMs: number; intents: { ok: number; fail: number; unknown: number }; reads: number; offeredOrdersPerSec: number; offeredReadsPerSec: number };
  endpoints: EndpointRow[];
  /** Order attempts by answer: `201`, `201 replayed`, a problem `code`, or the indeterminate error. */
  orderOutcomes: Record<string, number>;
  latency: Record<string, LatencySummary>;
  timeline: Timeline;
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
}

/** Per endpoint: ok / fail / info counts from the history, latency from the HDR summaries. */
export function endpointRows(ops: Op[], latency: Record<string, LatencySummary>): EndpointRow[] {
  const rows = new Map<string, EndpointRow>();
  const resolves = new Set(ops.filter((o) => o.type === 'invoke' && (o.value as OrderInvoke).resolve).map((o) => o.index));
  for (const op of ops) {
    if (op.type === 'invoke' || resolves.has(op.invoke ?? -1)) continue;
    const name = ENDPOINT[op.f];
    let row = rows.get(name);
    if (!row) rows.set(name, (row = { name, ok: 0, fail: 0, info: 0, latency: latency[name] ?? null }));
    row[op.type]++;
  }
  return [...rows.values()];
}

export function orderOutcomes(ops: Op[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const op of ops) {
    if (op.f !== 'order' || op.type === 'invoke') continue;
    const v = op.value as { replayed?: boolean; code?: string; error?: string };
    const key = op.type === 'ok' ? (v.replayed ? '201 replayed' : '201') : op.type === 'fail' ? (v as FailValue).code : `info: ${v.error}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

export function dropRows(observed: Observed): Report['drops'] {
  return observed.drops.map((d) => ({ id: d.id, total: d.total, sold: d.total - d.available, available: d.available, status: d.status }));
}

export function machine(): Report['machine'] {
  const cpus = os.cpus();
  return { cpus: cpus.length, cpu: cpus[0]?.model ?? 'unknown', memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
}
