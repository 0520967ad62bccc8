import type { HttpClient } from '../client/http-client.js';
import type { History } from '../history/history.js';
import type { StockReading } from '../history/types.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * The units-left chart's source: every drop's `available`, read through the public API a few
 * times a second while the load runs, the way a dashboard would see it. (Counting acknowledged
 * orders instead undercounts whenever answers are lost: retry-storm sells out while most of its
 * buyers never hear back.) One list request per creator and interval, so a hundred drops cost
 * no more than one; on its own connection pool, outside the measured workload.
 */
export class StockSampler {
  readonly readings: StockReading[] = [];
  private running = true;
  private done: Promise<void> = Promise.resolve();

  constructor(
    private readonly http: HttpClient,
    private readonly history: History,
    private readonly creatorIds: string[],
    private readonly dropIds: ReadonlySet<string>,
  ) {}

  start(intervalMs: number): void {
    this.done = (async () => {
      while (this.running) {
        const due = Date.now() + intervalMs;
        await this.sampleOnce();
        await sleep(due - Date.now());
      }
    })();
  }

  /** Stops after one last reading, so the chart ends on the state the load left. */
  async stop(): Promise<StockReading[]> {
    this.running = false;
    await this.done;
    await this.sampleOnce();
    return this.readings;
  }

  private async sampleOnce(): Promise<void> {
    await Promise.all(
      this.creatorIds.map(async (creatorId) => {
        let after: string | null = null;
        do {
          const page = after ? `&after=${encodeURIComponent(after)}` : '';
          const reply = await this.http.request('GET', `/v1/drops?creatorId=${creatorId}&limit=100${page}`, {
            timeoutMs: 5000,
          });
          // A missed sample leaves the last reading standing.
          if (reply.kind !== 'response' || reply.status !== 200) return;
          const t = this.history.now();
          for (const d of reply.body.data as Array<{ id: string; stock: { available: number } }>) {
            if (this.dropIds.has(d.id)) this.readings.push({ t, dropId: d.id, available: d.stock.available });
          }
          after = reply.body.nextCursor;
        } while (after);
      }),
    );
  }
}
