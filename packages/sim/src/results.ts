import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { History } from './history/history.js';
import type { StockReading } from './history/types.js';
import type { CheckResult, Observed } from './history/observed.js';
import type { LoadResult } from './load/driver.js';
import type { SimOptions } from './options.js';
import { renderHtml } from './report/html.js';
import type { LatencyBook } from './report/latency.js';
import { notificationTrigger, recordNotificationLatency } from './report/notify-latency.js';
import { dropRows, endpointRows, machine, orderOutcomes, type Report } from './report/report.js';
import { renderTable } from './report/table.js';
import { evaluateTargets } from './report/targets.js';
import { timeline } from './report/timeline.js';
import { latencyOverTime, markers, notificationCdf } from './report/time-series.js';
import { SCENARIOS } from './scenarios/scenarios.js';
import type { World } from './setup/world.js';
import type { CpuShare } from './target/cpu-watch.js';
import type { RssSampler } from './target/server-rss.js';

export interface RunResult {
  report: Report;
  /** The printable summary table. */
  table: string;
  dir: string;
  files: { history: string; notifications: string; observed: string; report: string; html: string };
}

export interface RunParts {
  dir: string;
  o: SimOptions;
  world: World;
  history: History;
  latency: LatencyBook;
  load: LoadResult;
  observed: Observed;
  check: CheckResult;
  resolution: { replayed: number; stillUnknown: number };
  streams: { ok: number; failed: number; ms: number };
  target: Report['target'];
  rss: RssSampler;
  cpu: CpuShare | null;
  inboxReach: Report['inboxReach'];
  /** The stock sampler's readings during the load (history clock). */
  readings: StockReading[];
  /** The log of the server the simulator started, if it did. */
  serverLogFile?: string | undefined;
}

const SERVER_LOG_LINES = 200;

function serverLog(file: string | undefined): Report['serverLog'] {
  if (!file || !existsSync(file)) return null;
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  return { file, lines: lines.slice(-SERVER_LOG_LINES), total: lines.length };
}

/** Builds the report from a finished run and writes every result file. */
export function writeResults(p: RunParts): RunResult {
  const { o, observed, latency } = p;
  recordNotificationLatency(latency, observed.receipts, observed.drops);
  const summaries = latency.all();
  const scenario = SCENARIOS[o.scenario];
  const targets = evaluateTargets(scenario.targets, {
    latency: summaries,
    book: latency,
    intents: p.load.intents,
    stillUnknown: p.check.stats.indeterminateKeys,
  });
  const { log: _log, ...options } = o;
  const { startedAt: loadStart, endedAt: loadEnd } = p.load;
  const loadStartEpoch = p.history.epoch0 + loadStart;
  const report: Report = {
    scenario: o.scenario,
    summary: scenario.summary(o),
    verdict: p.check.valid && targets.every((t) => t.met) ? 'pass' : 'fail',
    startedAt: new Date(p.history.epoch0).toISOString(),
    target: p.target,
    machine: machine(),
    options,
    setup: {
      users: p.world.seeded.users,
      seededVia: p.world.seeded.via,
      seedMs: p.world.seeded.ms,
      streams: {
        requested: o.streams,
        connected: p.streams.ok,
        failed: p.streams.failed,
        ms: p.streams.ms,
        via: o.streamsVia,
      },
    },
    load: {
      durationMs: p.load.endedAt - p.load.startedAt,
      intents: p.load.intents,
      reads: p.load.reads,
      offeredOrdersPerSec: o.closed > 0 ? 0 : o.rate,
      offeredReadsPerSec: o.readRate,
    },
    endpoints: endpointRows(p.history.ops, summaries),
    orderOutcomes: orderOutcomes(p.history.ops),
    replayOutcomes: orderOutcomes(p.history.ops, true),
    latency: summaries,
    timeline: timeline(p.history.ops, observed.drops, p.readings, loadStart, loadEnd),
    latencyOverTime: latencyOverTime(p.history.ops, loadStart, loadEnd),
    markers: markers(observed.drops, p.readings, loadStartEpoch, loadStart),
    stockReadings: p.readings.map((r) => ({ ...r, t: (r.t - loadStart) / 1000 })),
    notifyCdf: notificationCdf(observed.receipts, notificationTrigger(observed.drops)),
    drops: dropRows(observed),
    resolution: p.resolution,
    check: p.check,
    targets,
    server: {
      rssMiB: p.rss.last,
      peakRssMiB: p.rss.peak,
      note:
        p.target.mode === 'embedded'
          ? 'the whole process: the embedded server shares it with the simulator; streams are held in a child process'
          : "from the server's /metrics",
    },
    notificationsReceived: observed.receipts.length,
    cpu: p.cpu,
    inboxReach: p.inboxReach,
    serverLog: serverLog(p.serverLogFile),
  };
  const files = {
    history: join(p.dir, 'history.jsonl'),
    notifications: join(p.dir, 'notifications.jsonl'),
    observed: join(p.dir, 'observed.json'),
    report: join(p.dir, 'report.json'),
    html: join(p.dir, 'report.html'),
  };
  writeFileSync(
    files.notifications,
    observed.receipts.map((r) => JSON.stringify(r)).join('\n') + (observed.receipts.length ? '\n' : ''),
  );
  writeFileSync(files.observed, `${JSON.stringify({ ...observed, receipts: undefined })}\n`);
  writeFileSync(files.report, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(files.html, renderHtml(report));
  return { report, table: renderTable(report, files), dir: p.dir, files };
}
