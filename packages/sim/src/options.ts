import type { StreamTransport } from './streams/stream-connection.js';

/** How a buyer's app retries an order whose answer it did not get. */
export interface RetryPolicy {
  /** Client-side timeout per attempt; a timed-out attempt is `info` and retried with the same key. */
  timeoutMs: number;
  /** Retries after the first attempt (timeouts, resets, 409 idempotency_key_in_use, 429, 5xx). */
  retries: number;
  /** Full-jitter exponential backoff: uniform in [0, min(capMs, baseMs·2^attempt)]. */
  baseMs: number;
  capMs: number;
}

export type ScenarioName =
  | 'seed-targets'
  | 'hot-drop'
  | 'retry-storm'
  | 'celebrity'
  | 'many-drops'
  | 'checkout'
  | 'queue-storm'
  | 'draw';

/** Everything a run can be told; a scenario fills the defaults, callers override any of it. */
export interface SimOptions {
  scenario: ScenarioName;
  /**
   * Base URL of a running server; exclusive with `embedded`. queue-storm and draw take several,
   * comma-separated (instances of one deployment): users are assigned round-robin.
   */
  api?: string | undefined;
  /** Start an in-process server on a temporary SQLite file. */
  embedded?: boolean;
  /** With `api`: the server's database, to bulk-seed users straight into it (else over the API). */
  databaseUrl?: string | undefined;
  creators: number;
  drops: number;
  /** Users following the creators (seeded in bulk when the database is reachable). */
  followers: number;
  /** Users holding a notification stream (users 0..streams-1). */
  streams: number;
  /** How the streams are held: SSE (`GET /v1/me/notifications/stream`) or a GraphQL subscription over WebSocket. */
  streamsVia: StreamTransport;
  /** Users placing orders (users 0..buyers-1). */
  buyers: number;
  /** Followers not connected whose inbox is read back (fan-out checks). */
  inboxSamples: number;
  /** Units per drop. */
  stock: number;
  perUserLimit: number | null;
  /** Each intent asks for 1..quantityMax units. */
  quantityMax: number;
  /** Order intents per second (open model), over `durationMs`. */
  rate: number;
  /** Anonymous browsing requests per second, mixed in. */
  readRate: number;
  durationMs: number;
  arrivals: 'poisson' | 'even';
  /** When > 0: closed model instead, this many buyers ordering back to back. */
  closed: number;
  retry: RetryPolicy;
  /** Probability an intent is a double tap: the same request twice, a few ms apart, same key. */
  doubleTap: number;
  /** Probability an attempt's response is lost (connection torn down after sending). */
  abandon: number;
  /** Drops start this long after they are created (streams are connected before). */
  leadMs: number;
  /** Unrecorded catalogue reads (warmUpRate/s) during the countdown, so the drop opens on a warm server; clipped to the lead. */
  warmUpMs: number;
  warmUpRate: number;
  /** Spread of the drops' start times after the first (many-drops). */
  staggerMs: number;
  /** Longest wait for notifications to arrive after the load ends. */
  settleMs: number;
  seed: number;
  /** Keep-alive sockets for the workload. */
  connections: number;
  /** Where history, report.json and report.html go; default ./sim-results/<timestamp>. */
  outDir?: string | undefined;
  /** `auto`: a bar on a TTY, lines otherwise. */
  progress: 'auto' | 'bar' | 'lines' | 'none';
  /** Where progress lines go (default stderr). */
  log?: ((line: string) => void) | undefined;
  /** checkout: the pay drop's hold, in seconds (30..3600). */
  holdSeconds: number;
  /** checkout: users who join the drop's waitlist before it opens. */
  waitlisters: number;
  /**
   * checkout, tests only: moves the server's clock forward by `ms` (a server the test started
   * on a shifted clock), instead of waiting a hold's lifetime for expiries. No CLI flag reaches it.
   */
  advanceServerClock?: ((ms: number) => Promise<void>) | undefined;
}

export const DEFAULT_RETRY: RetryPolicy = { timeoutMs: 5000, retries: 3, baseMs: 50, capMs: 1000 };

/** Problems with a combination of options, as one message each (empty: fine). */
export function validateOptions(o: SimOptions): string[] {
  const bad: string[] = [];
  const positive = ['creators', 'drops', 'stock', 'quantityMax', 'durationMs', 'connections'] as const;
  for (const k of positive)
    if (!Number.isInteger(o[k]) || o[k] < 1) bad.push(`${k} must be a positive integer (got ${o[k]})`);
  const counts = [
    'followers',
    'streams',
    'buyers',
    'inboxSamples',
    'closed',
    'leadMs',
    'warmUpMs',
    'staggerMs',
    'settleMs',
  ] as const;
  for (const k of counts)
    if (!Number.isInteger(o[k]) || o[k] < 0) bad.push(`${k} must be an integer ≥ 0 (got ${o[k]})`);
  if (!(o.rate >= 0) || !(o.readRate >= 0) || !(o.warmUpRate >= 0)) bad.push('rates must be ≥ 0');
  if (o.buyers < 1 && (o.rate > 0 || o.closed > 0)) bad.push('orders need at least one buyer');
  for (const k of ['doubleTap', 'abandon'] as const)
    if (!(o[k] >= 0 && o[k] <= 1)) bad.push(`${k} is a probability in [0, 1] (got ${o[k]})`);
  if (o.perUserLimit !== null && (!Number.isInteger(o.perUserLimit) || o.perUserLimit < 1))
    bad.push('perUserLimit must be ≥ 1 or null');
  if (o.quantityMax > 100) bad.push('quantityMax must be ≤ 100 (the API maximum)');
  if (o.streamsVia !== 'sse' && o.streamsVia !== 'ws')
    bad.push(`streamsVia is sse or ws (got ${String(o.streamsVia)})`);
  if (o.streams > 0 && o.streams > o.followers + o.buyers)
    bad.push('streams are held by followers or buyers: streams ≤ followers');
  if (Boolean(o.api) === Boolean(o.embedded)) bad.push('give exactly one of api (a server URL) or embedded');
  const fair = o.scenario === 'queue-storm' || o.scenario === 'draw';
  if (o.api?.includes(',') && !fair) bad.push('several API URLs: queue-storm and draw only');
  if (!Number.isInteger(o.holdSeconds) || o.holdSeconds < 30 || o.holdSeconds > 3600)
    bad.push(`holdSeconds must be an integer 30..3600 (got ${o.holdSeconds})`);
  if (!Number.isInteger(o.waitlisters) || o.waitlisters < 0)
    bad.push(`waitlisters must be an integer ≥ 0 (got ${o.waitlisters})`);
  if (o.scenario === 'checkout' && !o.databaseUrl && !o.embedded)
    bad.push("checkout checks the server's database: give --database-url with --api");
  if (o.retry.timeoutMs < 1 || o.retry.retries < 0 || o.retry.baseMs < 0 || o.retry.capMs < 0)
    bad.push('retry policy values must be ≥ 0 (timeout ≥ 1)');
  return bad;
}
