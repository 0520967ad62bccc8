import type { Target } from '../scenarios/scenarios.js';
import type { LatencyBook, LatencySummary } from './latency.js';
import { NOTIFY_SERIES } from './notify-latency.js';

export interface TargetResult {
  label: string;
  /** How it is read: a series at a percentile, or a count. */
  basis: string;
  /** What the run measured, in `unit`; null when it could not be (then the target is missed). */
  actual: number | null;
  limit: number;
  unit: 'ms' | 'keys';
  met: boolean;
}

export const INTENT_SERIES = 'order intent (incl. retries)';

export interface TargetInputs {
  latency: Record<string, LatencySummary>;
  book: LatencyBook;
  /** Order intents as the load ended: settled by an answer, or still unknown after the client's retries. */
  intents: { ok: number; fail: number; unknown: number };
  /** Keys whose outcome the checker's replays could not learn either. */
  stillUnknown: number;
}

const pick = (s: LatencySummary, p: number): number =>
  p >= 99.9 ? s.p999 : p >= 99 ? s.p99 : p >= 95 ? s.p95 : p >= 90 ? s.p90 : s.p50;

/**
 * An intent's percentile over every intent, the ones its client never settled counting as
 * slower than any: when more than (100 − p) % are unknown the percentile lies among them and
 * there is no number to show. Otherwise it is the settled intents' value at the same rank.
 */
function intentPercentile(i: TargetInputs, p: number): number | null {
  const total = i.intents.ok + i.intents.fail + i.intents.unknown;
  const settled = total - i.intents.unknown;
  const rank = Math.ceil((p / 100) * total);
  if (total === 0 || rank > settled) return null;
  return i.book.valueAt(INTENT_SERIES, (rank / settled) * 100) ?? null;
}

/** Reads each target off the run. */
export function evaluateTargets(targets: Target[], i: TargetInputs): TargetResult[] {
  return targets.map((t): TargetResult => {
    if (t.kind === 'resolved') {
      const actual = i.stillUnknown;
      return {
        label: t.label,
        basis: 'keys still unknown after the replays',
        actual,
        limit: t.max,
        unit: 'keys',
        met: actual <= t.max,
      };
    }
    if (t.kind === 'intent') {
      const actual = intentPercentile(i, t.percentile);
      const met = actual !== null && actual <= t.maxMs;
      return { label: t.label, basis: `p${t.percentile} of every intent`, actual, limit: t.maxMs, unit: 'ms', met };
    }
    const series = t.kind === 'notification' && t.series === 'all' ? NOTIFY_SERIES : t.series;
    const s = i.latency[series];
    const actual = s ? pick(s, t.percentile) : null;
    const met = actual !== null && actual <= t.maxMs;
    return { label: t.label, basis: `p${t.percentile} of ${series}`, actual, limit: t.maxMs, unit: 'ms', met };
  });
}
