import type { Report } from './report.js';

const n = (x: number): string => x.toLocaleString('en-US');
const ms = (x: number | undefined | null): string =>
  x === undefined || x === null ? '-' : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : Math.round(x).toString();

function grid(head: string[], rows: string[][]): string[] {
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(width[i]!) : c.padStart(width[i]!))).join('  ');
  return [line(head), ...rows.map(line)];
}

const EXAMPLES_PER_KIND = 5;

/** The run as an SRE reads it: verdict first, then latency percentiles, notifications, stock, the checker. */
export function renderTable(r: Report, files: Record<string, string>): string {
  const out: string[] = [];
  const s = r.setup.streams;
  out.push(
    `livedrops sim ${r.scenario}: ${r.verdict.toUpperCase()}  (${r.target.mode} ${r.target.url}, seed ${r.options.seed})`,
  );
  out.push(
    `setup: ${n(r.setup.users)} users seeded via ${r.setup.seededVia} in ${(r.setup.seedMs / 1000).toFixed(1)} s; ${n(s.connected)}/${n(s.requested)} streams (${s.via === 'ws' ? 'GraphQL over WebSocket' : 'SSE'}) connected in ${(s.ms / 1000).toFixed(1)} s`,
  );
  const i = r.load.intents;
  out.push(
    `load: ${(r.load.durationMs / 1000).toFixed(1)} s; ${n(i.ok + i.fail + i.unknown)} order intents at ${n(r.load.offeredOrdersPerSec)}/s (${n(i.ok)} bought, ${n(i.fail)} refused, ${n(i.unknown)} unknown after retries); ${n(r.load.reads)} reads at ${n(r.load.offeredReadsPerSec)}/s`,
  );
  out.push('');
  // `timed`: how many of the row's attempts have a latency (an answer); the rest timed out or lost it.
  out.push(
    ...grid(
      ['latency (ms, from due time)', 'ok', 'fail', 'info', 'timed', 'p50', 'p95', 'p99', 'max'],
      [
        ...r.endpoints.map((e) => [
          e.name,
          n(e.ok),
          n(e.fail),
          n(e.info),
          n(e.latency?.count ?? 0),
          ms(e.latency?.p50),
          ms(e.latency?.p95),
          ms(e.latency?.p99),
          ms(e.latency?.max),
        ]),
        ...Object.entries(r.latency)
          .filter(([k]) => !r.endpoints.some((e) => e.name === k))
          .map(([k, l]) => [k, '', '', '', n(l.count), ms(l.p50), ms(l.p95), ms(l.p99), ms(l.max)]),
      ],
    ),
  );
  for (const e of r.endpoints) {
    const attempts = e.ok + e.fail + e.info;
    if (e.info > 0)
      out.push(
        `  ${e.name}: latency covers the ${n(e.latency?.count ?? 0)} answered of ${n(attempts)} attempts; ${n(e.info)} got no answer (timed out or lost)`,
      );
  }
  const intent = r.latency['order intent (incl. retries)'];
  if (intent && i.unknown > 0)
    out.push(
      `  order intent: covers the ${n(intent.count)} intents settled by their client of ${n(i.ok + i.fail + i.unknown)}; ${n(i.unknown)} were still unknown after every retry`,
    );
  out.push('');
  const answers = (o: Record<string, number>): string =>
    Object.entries(o)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${n(v)} × ${k}`)
      .join(' · ');
  out.push(`order answers (attempts × answer): ${answers(r.orderOutcomes) || 'none'}`);
  if (Object.keys(r.replayOutcomes).length) out.push(`checker's replays of unknown keys: ${answers(r.replayOutcomes)}`);
  const soldOut = r.drops.filter((d) => d.available === 0).length;
  const units = r.drops.reduce((a, d) => a + d.sold, 0);
  const gone = r.timeline.buckets.find((b) => b.left === 0);
  const peak = Math.max(0, ...r.timeline.buckets.map((b) => b.ordersOk)) / (r.timeline.bucketMs / 1000);
  out.push(
    `drops: ${r.drops.length} (${soldOut} sold out), ${n(units)}/${n(r.drops.reduce((a, d) => a + d.total, 0))} units sold${gone ? `, every unit gone by +${(gone.t + r.timeline.bucketMs / 1000).toFixed(2)} s` : ''}; peak ${n(Math.round(peak))} orders/s confirmed; notifications received on streams: ${n(r.notificationsReceived)}`,
  );
  const ir = r.inboxReach;
  if (ir.sampled > 0)
    out.push(
      `inboxes: ${ir.reached}/${ir.sampled} sampled followers (no stream) saw drop.started${ir.allByMs === null ? '' : `, all by +${ir.allByMs} ms after startsAt`}`,
    );
  if (r.cpu) {
    // Against --api the server is one of the "other" processes, so its share says nothing about noise.
    const embedded = r.target.mode === 'embedded';
    const busy = embedded && r.cpu.othersCores > 0.2 ? '  <- a busy machine: latencies not comparable' : '';
    out.push(
      `CPU during the load: ${r.cpu.oursCores} cores for the simulator${embedded ? ' and its embedded server' : ''}, ${r.cpu.othersCores} for other processes${embedded ? '' : ' (a local server under test among them)'}${busy}`,
    );
  }
  if (r.server.rssMiB !== null)
    out.push(
      `server RSS: ${r.server.rssMiB.toFixed(0)} MiB at the end, ${r.server.peakRssMiB?.toFixed(0)} MiB peak (${r.server.note})`,
    );
  const c = r.check.stats;
  out.push('');
  out.push(
    `checker: ${r.check.valid ? 'VALID' : 'INVALID'}: oversold units ${c.oversoldUnits}, duplicate orders ${c.duplicateOrders}, acknowledged orders lost ${c.lostOrders}, ` +
      `stale reads ${c.staleReads}, missing notifications ${c.missingNotifications}, duplicate notifications ${c.duplicateNotifications}; ` +
      `${n(c.keys)} keys, ${n(c.ackedOrders)} orders acknowledged, ${c.infoResolved} indeterminate attempts resolved (${r.resolution.replayed} keys replayed), ${c.indeterminateKeys} keys still unknown`,
  );
  // A few of each kind: forty copies of one missing notification would hide an oversell.
  const kinds = [...new Set(r.check.violations.map((v) => v.kind))];
  for (const kind of kinds) {
    const all = r.check.violations.filter((v) => v.kind === kind);
    for (const v of all.slice(0, EXAMPLES_PER_KIND))
      out.push(`  [${v.kind}] ${v.message}${v.ops.length ? ` (ops ${v.ops.join(', ')} in history.jsonl)` : ''}`);
    if (all.length > EXAMPLES_PER_KIND) out.push(`  … ${all.length - EXAMPLES_PER_KIND} more ${kind} in report.json`);
  }
  if (r.targets.length) {
    out.push('targets:');
    for (const t of r.targets)
      out.push(
        `  ${t.met ? 'met   ' : 'MISSED'} ${t.label}: ${t.basis} ${t.unit === 'ms' ? ms(t.actual) : (t.actual ?? '-')} ${t.unit}${t.actual === null ? ' (more than the allowed share never settled)' : ''}`,
      );
  }
  if (r.serverLog) out.push(`server log: ${r.serverLog.file} (${n(r.serverLog.total)} lines)`);
  out.push('');
  out.push(`files: ${Object.values(files).join('  ')}`);
  return out.join('\n');
}
