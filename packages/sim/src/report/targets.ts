import type { Target } from '../scenarios/scenarios.js';
import type { LatencySummary } from './latency.js';
import { NOTIFY_SERIES } from './notify-latency.js';

export interface TargetResult {
  label: string;
  series: string;
  percentile: number;
  maxMs: number;
  /** null when the series recorded nothing (then the target is missed: nothing was shown). */
  actualMs: number | null;
  met: boolean;
}

const pick = (s: LatencySummary, p: number): number => (p >= 99.9 ? s.p999 : p >= 99 ? s.p99 : p >= 95 ? s.p95 : p >= 90 ? s.p90 : s.p50);

/** Reads each target's percentile off the run's latency summaries. */
export function evaluateTargets(targets: Target[], latency: Record<string, LatencySummary>): TargetResult[] {
  return targets.map((t) => {
    const series = t.kind === 'notification' && t.series === 'all' ? NOTIFY_SERIES : t.series;
    const s = latency[series];
    const actualMs = s ? pick(s, t.percentile) : null;
    return { label: t.label, series, percentile: t.percentile, maxMs: t.maxMs, actualMs, met: actualMs !== null && actualMs <= t.maxMs };
  });
}
