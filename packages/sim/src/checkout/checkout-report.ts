import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckResult } from '../history/observed.js';
import type { CheckoutValue, Op } from '../history/types.js';
import type { SimOptions } from '../options.js';
import type { LatencyBook, LatencySummary } from '../report/latency.js';
import { endpointRows, machine, orderOutcomes, type EndpointRow } from '../report/report.js';
import { evaluateTargets, type TargetResult } from '../report/targets.js';
import { SCENARIOS } from '../scenarios/scenarios.js';
import type { DbSample, DbSnapshot } from './db-view.js';

export interface CheckoutReport {
  scenario: 'checkout';
  summary: string;
  verdict: 'pass' | 'fail';
  startedAt: string;
  target: { mode: 'embedded' | 'api'; url: string };
  machine: ReturnType<typeof machine>;
  options: Omit<SimOptions, 'log' | 'advanceServerClock'>;
  durationMs: number;
  drop: { id: string; total: number; holdSeconds: number; perUserLimit: number | null };
  /** Units by how each order ended, and the holds made for waitlisted users. */
  orders: { held: number; confirmed: number; expired: number; cancelled: number; offers: number };
  /** Answers to order attempts (`201 created`, `409 sold_out`…) and to payments (`200`, `402 payment_declined`…). */
  orderOutcomes: Record<string, number>;
  paymentOutcomes: Record<string, number>;
  /** Payment rows by final status, and the gateway's own record of their keys. */
  payments: Record<string, number>;
  gateway: Record<string, number>;
  endpoints: EndpointRow[];
  latency: Record<string, LatencySummary>;
  samples: { count: number; peakHeld: number; peakConfirmedPlusHeld: number };
  check: CheckResult;
  targets: TargetResult[];
}

export interface CheckoutRunResult {
  report: CheckoutReport;
  table: string;
  dir: string;
  files: { history: string; database: string; report: string };
}

const count = <T>(items: T[], key: (t: T) => string): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1;
  return out;
};

export interface CheckoutParts {
  dir: string;
  o: SimOptions;
  t0: number;
  durationMs: number;
  target: CheckoutReport['target'];
  dropId: string;
  ops: Op[];
  latency: LatencyBook;
  db: DbSnapshot;
  samples: DbSample[];
  check: CheckResult;
}

/** The report of a checkout run, written beside its history and the database snapshot it was checked against. */
export function writeCheckoutResults(p: CheckoutParts): CheckoutRunResult {
  const latency = Object.fromEntries(
    p.latency
      .names()
      .map((n) => [n, p.latency.summary(n)!])
      .filter(([, s]) => s),
  );
  const targets = evaluateTargets(SCENARIOS.checkout.targets, {
    latency,
    book: p.latency,
    intents: { ok: 0, fail: 0, unknown: 0 },
    stillUnknown: 0,
  });
  const units = (status: string) => p.db.orders.filter((o) => o.status === status).reduce((s, o) => s + o.quantity, 0);
  const { log: _l, advanceServerClock: _a, ...options } = p.o;
  const pays = p.ops.filter((op) => op.f === 'pay' && op.type !== 'invoke');
  const report: CheckoutReport = {
    scenario: 'checkout',
    summary: SCENARIOS.checkout.summary(p.o),
    verdict: p.check.valid && targets.every((t) => t.met) ? 'pass' : 'fail',
    startedAt: new Date(p.t0).toISOString(),
    target: p.target,
    machine: machine(),
    options,
    durationMs: p.durationMs,
    drop: { id: p.dropId, total: p.o.stock, holdSeconds: p.o.holdSeconds, perUserLimit: p.o.perUserLimit },
    orders: {
      held: units('held'),
      confirmed: units('confirmed'),
      expired: units('expired'),
      cancelled: units('cancelled'),
      offers: p.db.events.filter((e) => e.type === 'order.offered').length,
    },
    orderOutcomes: orderOutcomes(p.ops),
    paymentOutcomes: count(pays, (op) =>
      op.type === 'info'
        ? 'no answer'
        : `${(op.value as CheckoutValue).status}${(op.value as CheckoutValue).code ? ` ${(op.value as CheckoutValue).code}` : ''}`,
    ),
    payments: count(p.db.payments, (x) => x.status),
    gateway: count(Object.values(p.db.ledger), (s) => s),
    endpoints: endpointRows(p.ops, latency),
    latency,
    samples: {
      count: p.samples.length,
      peakHeld: Math.max(0, ...p.samples.map((s) => s.held)),
      peakConfirmedPlusHeld: Math.max(0, ...p.samples.map((s) => s.held + s.confirmed)),
    },
    check: p.check,
    targets,
  };
  const files = {
    history: join(p.dir, 'history.jsonl'),
    database: join(p.dir, 'database.json'),
    report: join(p.dir, 'report.json'),
  };
  writeFileSync(files.database, `${JSON.stringify({ snapshot: p.db, samples: p.samples })}\n`);
  writeFileSync(files.report, `${JSON.stringify(report, null, 2)}\n`);
  return { report, table: renderCheckout(report, files), dir: p.dir, files };
}

const n = (x: number): string => x.toLocaleString('en-US');
const ms = (x: number | null | undefined): string =>
  x == null ? '-' : x < 100 ? x.toFixed(1) : Math.round(x).toString();
const answers = (o: Record<string, number>): string =>
  Object.entries(o)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${n(v)} × ${k}`)
    .join(' · ') || 'none';

export function renderCheckout(r: CheckoutReport, files: Record<string, string>): string {
  const out = [
    `livedrops sim checkout: ${r.verdict.toUpperCase()}  (${r.target.mode} ${r.target.url}, seed ${r.options.seed})`,
    r.summary,
    '',
  ];
  const o = r.orders;
  out.push(
    `units: ${o.confirmed} confirmed, ${o.expired} expired, ${o.cancelled} cancelled, ${o.held} still held; ${o.offers} offered to the waitlist`,
  );
  out.push(`order answers: ${answers(r.orderOutcomes)}`);
  out.push(`payment answers: ${answers(r.paymentOutcomes)}`);
  out.push(`payments: ${answers(r.payments)}; at the gateway: ${answers(r.gateway)}`);
  out.push(
    `database samples: ${r.samples.count}, peak ${r.samples.peakHeld} held, peak confirmed + held ${r.samples.peakConfirmedPlusHeld} of ${r.drop.total}`,
    '',
  );
  out.push('latency (ms)                                    count      p50      p99      max');
  for (const [k, l] of Object.entries(r.latency).sort())
    out.push(
      `  ${k.padEnd(44)}${n(l.count).padStart(7)}${ms(l.p50).padStart(9)}${ms(l.p99).padStart(9)}${ms(l.max).padStart(9)}`,
    );
  out.push('', `checker: ${r.check.valid ? 'VALID' : 'INVALID'} (${r.check.violations.length} violation(s))`);
  for (const kind of [...new Set(r.check.violations.map((v) => v.kind))]) {
    const all = r.check.violations.filter((v) => v.kind === kind);
    for (const v of all.slice(0, 5))
      out.push(`  [${v.kind}] ${v.message}${v.ops.length ? ` (ops ${v.ops.join(', ')} in history.jsonl)` : ''}`);
    if (all.length > 5) out.push(`  … ${all.length - 5} more ${kind} in report.json`);
  }
  out.push('targets:');
  for (const t of r.targets) out.push(`  ${t.met ? 'met   ' : 'MISSED'} ${t.label}: ${t.basis} ${ms(t.actual)} ms`);
  out.push('', `files: ${Object.values(files).join('  ')}`);
  return out.join('\n');
}
