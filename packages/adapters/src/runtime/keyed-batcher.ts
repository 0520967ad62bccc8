/** What a batch run answers for each of its items, in order. */
export type BatchRun<I, O> = (key: string, items: I[]) => Promise<O[]>;

export interface BatcherOptions {
  /** Items per run at most. */
  max: number;
  /** Runs of one key in flight at once. */
  inFlight: number;
  /** With a run in flight, how long the next one waits for more items before it starts anyway. */
  windowMs: number;
}

interface Waiting<I, O> {
  item: I;
  resolve: (o: O) => void;
  reject: (e: unknown) => void;
}

interface Lane<I, O> {
  queue: Waiting<I, O>[];
  running: number;
  scheduled: boolean;
}

/**
 * Group commit: items of one key that arrive together go to the database as one run. An
 * idle key starts its run on the next turn of the event loop (so every request parsed in
 * this turn joins it); with a run in flight the next one waits up to `windowMs`, or until
 * the run ends, gathering what arrives meanwhile. A failed run fails each of its items.
 */
export class KeyedBatcher<I, O> {
  private readonly lanes = new Map<string, Lane<I, O>>();

  constructor(
    private readonly run: BatchRun<I, O>,
    private readonly opts: BatcherOptions,
  ) {}

  add(key: string, item: I): Promise<O> {
    let lane = this.lanes.get(key);
    if (!lane) this.lanes.set(key, (lane = { queue: [], running: 0, scheduled: false }));
    const done = new Promise<O>((resolve, reject) => lane.queue.push({ item, resolve, reject }));
    this.schedule(key, lane);
    return done;
  }

  private schedule(key: string, lane: Lane<I, O>): void {
    if (lane.scheduled || lane.queue.length === 0 || lane.running >= this.opts.inFlight) return;
    lane.scheduled = true;
    const go = () => {
      lane.scheduled = false;
      this.flush(key, lane);
    };
    if (lane.running === 0) setImmediate(go);
    else setTimeout(go, this.opts.windowMs);
  }

  private flush(key: string, lane: Lane<I, O>): void {
    if (lane.running >= this.opts.inFlight || lane.queue.length === 0) return;
    const batch = lane.queue.splice(0, this.opts.max);
    lane.running++;
    this.run(
      key,
      batch.map((w) => w.item),
    )
      .then(
        (out) => batch.forEach((w, i) => w.resolve(out[i]!)),
        (e: unknown) => batch.forEach((w) => w.reject(e)),
      )
      .finally(() => {
        lane.running--;
        if (lane.running === 0 && lane.queue.length === 0) this.lanes.delete(key);
        else this.schedule(key, lane);
      });
    this.schedule(key, lane);
  }
}
