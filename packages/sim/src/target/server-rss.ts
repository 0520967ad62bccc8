import type { HttpClient } from '../client/http-client.js';

const RSS = /^livedrops_process_resident_memory_bytes (\d+(?:\.\d+)?(?:e\+\d+)?)$/m;

/**
 * Samples the server's resident memory from its own /metrics (prom-client's process
 * metrics) once a second, so it works the same against an embedded or a remote server.
 */
export class RssSampler {
  last: number | null = null;
  peak: number | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly http: HttpClient) {
    this.timer = setInterval(() => void this.sample(), 1000);
    this.timer.unref();
    void this.sample();
  }

  async sample(): Promise<void> {
    const r = await this.http.request('GET', '/metrics', { timeoutMs: 5000 });
    if (r.kind !== 'response' || r.status !== 200 || typeof r.body !== 'string') return;
    const m = RSS.exec(r.body);
    if (!m) return;
    const mib = Number(m[1]) / 2 ** 20;
    this.last = mib;
    this.peak = Math.max(this.peak ?? 0, mib);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
