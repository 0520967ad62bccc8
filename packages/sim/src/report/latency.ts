import * as hdr from 'hdr-histogram-js';

export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
}

/**
 * HDR histograms (HdrHistogram's JS port) per series, in microseconds with 3 significant
 * digits: exact enough at every percentile, constant memory however long the run, and
 * percentiles that are read off the recorded distribution rather than a sample of it.
 */
export class LatencyBook {
  private readonly series = new Map<string, hdr.Histogram>();

  record(name: string, ms: number): void {
    let h = this.series.get(name);
    if (!h) {
      h = hdr.build({
        lowestDiscernibleValue: 1,
        highestTrackableValue: 3_600_000_000,
        numberOfSignificantValueDigits: 3,
        useWebAssembly: false,
      });
      this.series.set(name, h);
    }
    h.recordValue(Math.max(1, Math.round(ms * 1000)));
  }

  names(): string[] {
    return [...this.series.keys()];
  }

  summary(name: string): LatencySummary | undefined {
    const h = this.series.get(name);
    if (!h || h.totalCount === 0) return undefined;
    // A percentile reads the top of its HDR bucket, which can pass the exact maximum.
    const ms = (us: number): number => Math.round(Math.min(us, h.maxValue) / 10) / 100;
    return {
      count: h.totalCount,
      mean: ms(h.mean),
      p50: ms(h.getValueAtPercentile(50)),
      p90: ms(h.getValueAtPercentile(90)),
      p95: ms(h.getValueAtPercentile(95)),
      p99: ms(h.getValueAtPercentile(99)),
      p999: ms(h.getValueAtPercentile(99.9)),
      max: ms(h.maxValue),
    };
  }

  /** The value at any percentile, in ms (the summaries carry fixed ones). */
  valueAt(name: string, percentile: number): number | undefined {
    const h = this.series.get(name);
    if (!h || h.totalCount === 0) return undefined;
    return Math.round(Math.min(h.getValueAtPercentile(Math.min(100, percentile)), h.maxValue) / 10) / 100;
  }

  all(): Record<string, LatencySummary> {
    return Object.fromEntries(
      this.names().flatMap((n) => {
        const s = this.summary(n);
        return s ? [[n, s]] : [];
      }),
    );
  }
}
