import { DEFAULT_RETRY, type ScenarioName, type SimOptions } from '../options.js';

/** A service-level target a scenario must meet, read off the report. */
export type Target =
  | { label: string; kind: 'latency'; series: string; percentile: number; maxMs: number }
  | { label: string; kind: 'notification'; series: string; percentile: number; maxMs: number }
  /** Over every order intent, retries included; intents the client never settled count as missing it. */
  | { label: string; kind: 'intent'; percentile: number; maxMs: number }
  /** Keys whose outcome stayed unknown even to the checker's replays. */
  | { label: string; kind: 'resolved'; max: number };

export type ScenarioDefaults = Omit<
  SimOptions,
  'scenario' | 'api' | 'embedded' | 'databaseUrl' | 'outDir' | 'log' | 'advanceServerClock'
>;

export interface Scenario {
  name: ScenarioName;
  /** One line about the run, from the options it actually ran with. */
  summary: (o: SimOptions) => string;
  defaults: ScenarioDefaults;
  targets: Target[];
}

const BASE: ScenarioDefaults = {
  creators: 1,
  drops: 1,
  followers: 1000,
  streams: 1000,
  streamsVia: 'sse',
  buyers: 1000,
  inboxSamples: 50,
  stock: 100,
  perUserLimit: null,
  quantityMax: 1,
  rate: 200,
  readRate: 0,
  durationMs: 5000,
  arrivals: 'poisson',
  closed: 0,
  retry: DEFAULT_RETRY,
  doubleTap: 0,
  abandon: 0,
  leadMs: 2000,
  warmUpMs: 1500,
  warmUpRate: 200,
  staggerMs: 0,
  settleMs: 5000,
  seed: 1,
  connections: 256,
  progress: 'auto',
  holdSeconds: 30,
  waitlisters: 0,
};

const n = (x: number): string => x.toLocaleString('en-US');
const pct = (p: number): string => `${Math.round(p * 100)} %`;
/** Units wanted over units there are: every buyer wants up to quantityMax, within the per-user limit. */
const oversubscribed = (o: SimOptions): string =>
  `${+((o.buyers * Math.min(o.quantityMax, o.perUserLimit ?? o.quantityMax)) / o.stock).toFixed(1)}×`;

// api.md: a notification reaches a connected stream within 2 s of its trigger (p99).
const NOTIFY_2S: Target = {
  label: 'notifications p99 ≤ 2 s',
  kind: 'notification',
  series: 'all',
  percentile: 99,
  maxMs: 2000,
};

export const SCENARIOS: Record<ScenarioName, Scenario> = {
  'seed-targets': {
    name: 'seed-targets',
    summary: (o) =>
      `The brief's numbers: reads p95 ≤ 200 ms at ${n(o.readRate)} reads/s, orders p95 ≤ 500 ms at ${n(o.rate)}/s, notifications ≤ 2 s`,
    // Stock far above demand: this measures latency, not a sell-out.
    defaults: {
      ...BASE,
      followers: 500,
      streams: 500,
      buyers: 500,
      stock: 1_000_000,
      rate: 150,
      readRate: 1500,
      durationMs: 4000,
    },
    targets: [
      { label: 'reads p95 ≤ 200 ms at 1,500 req/s', kind: 'latency', series: 'reads', percentile: 95, maxMs: 200 },
      { label: 'orders p95 ≤ 500 ms at 150/s', kind: 'latency', series: 'POST /v1/orders', percentile: 95, maxMs: 500 },
      NOTIFY_2S,
    ],
  },
  'hot-drop': {
    name: 'hot-drop',
    summary: (o) =>
      `One drop of ${n(o.stock)} units, ${oversubscribed(o)} oversubscribed: ${n(o.buyers)} buyers rush it at the start`,
    defaults: {
      ...BASE,
      followers: 2000,
      streams: 2000,
      buyers: 2000,
      stock: 200,
      rate: 500,
      readRate: 100,
      durationMs: 4000,
      doubleTap: 0.05,
      perUserLimit: 2,
    },
    targets: [NOTIFY_2S],
  },
  'retry-storm': {
    name: 'retry-storm',
    summary: (o) =>
      `Impatient clients: ${o.retry.timeoutMs} ms timeouts, ${pct(o.abandon)} of answers lost, ${o.retry.retries} retries with the same key, ${pct(o.doubleTap)} double taps`,
    defaults: {
      ...BASE,
      stock: 300,
      rate: 400,
      durationMs: 5000,
      quantityMax: 2,
      perUserLimit: 3,
      doubleTap: 0.3,
      abandon: 0.15,
      retry: { timeoutMs: 40, retries: 8, baseMs: 20, capMs: 400 },
    },
    targets: [
      { label: 'every intent resolved: no key left unknown after the replays', kind: 'resolved', max: 0 },
      {
        label: 'a buyer learns the outcome within 2 s, retries included (p99 of every intent)',
        kind: 'intent',
        percentile: 99,
        maxMs: 2000,
      },
    ],
  },
  celebrity: {
    name: 'celebrity',
    summary: (o) =>
      `A creator with ${n(o.followers)} followers (seeded in bulk) opens a drop of ${n(o.stock)} units to ${n(o.streams)} connected streams`,
    defaults: {
      ...BASE,
      followers: 1_000_000,
      streams: 10_000,
      buyers: 10_000,
      inboxSamples: 200,
      stock: 1000,
      rate: 500,
      readRate: 200,
      durationMs: 20_000,
      doubleTap: 0.02,
      leadMs: 3000,
      warmUpMs: 2500,
      settleMs: 10_000,
      connections: 512,
    },
    targets: [NOTIFY_2S],
  },
  'many-drops': {
    name: 'many-drops',
    summary: (o) =>
      `${n(o.drops)} drops across ${n(o.creators)} creators starting over ${(o.staggerMs / 1000).toFixed(1)} s, with browsing mixed in`,
    defaults: {
      ...BASE,
      creators: 10,
      drops: 100,
      followers: 3000,
      streams: 1000,
      buyers: 1000,
      stock: 50,
      quantityMax: 2,
      perUserLimit: 4,
      rate: 400,
      readRate: 300,
      durationMs: 10_000,
      staggerMs: 3000,
      doubleTap: 0.05,
    },
    targets: [NOTIFY_2S],
  },
  // The checkout scenario (checkout/run-checkout.ts): one pay drop, buyers who pay (some with
  // pm_card_flaky or pm_card_slow), are declined and retry, cancel, abandon, or pay too late,
  // and a waitlist that takes the returned units; checked against the database.
  checkout: {
    name: 'checkout',
    summary: (o) =>
      `A pay drop of ${n(o.stock)} units with ${o.holdSeconds} s holds: ${n(o.buyers)} buyers who pay, are declined and retry, cancel, abandon or pay too late, and ${n(o.waitlisters)} on the waitlist`,
    defaults: {
      ...BASE,
      followers: 0,
      streams: 0,
      buyers: 300,
      waitlisters: 60,
      stock: 100,
      perUserLimit: 2,
      quantityMax: 2,
      rate: 100,
      durationMs: 3000,
      leadMs: 1000,
      warmUpMs: 0,
      settleMs: 3000,
    },
    targets: [
      {
        label: 'a hold expires within 2 s of its deadline (p99)',
        kind: 'latency',
        series: 'hold expiry lag',
        percentile: 99,
        maxMs: 2000,
      },
      {
        label: 'a payment by pm_card_visa answers within 1 s (p99)',
        kind: 'latency',
        series: 'pay pm_card_visa',
        percentile: 99,
        maxMs: 1000,
      },
    ],
  },
  // Fair access (fair/run-fair.ts reads its own targets off the run).
  'queue-storm': {
    name: 'queue-storm',
    summary: (o) =>
      `A waiting room of ${n(o.stock)} units: ${n(o.buyers)} users join in the last second before the start, 5 % of them scripts`,
    defaults: {
      ...BASE,
      followers: 0,
      streams: 10_000,
      buyers: 10_000,
      stock: 500,
      leadMs: 3000,
      durationMs: 30_000,
      // A small waiting room of its own before the storm's (fair/warm-room.ts), not catalogue reads.
      warmUpMs: 4000,
      settleMs: 5000,
      connections: 512,
    },
    targets: [],
  },
  draw: {
    name: 'draw',
    summary: (o) =>
      `A draw of ${n(o.stock)} units on a pay drop: ${n(o.buyers)} entries, winners held, the order verified`,
    defaults: {
      ...BASE,
      followers: 0,
      streams: 0,
      buyers: 2000,
      stock: 100,
      leadMs: 5000,
      durationMs: 5000,
      warmUpMs: 0,
      settleMs: 10_000,
      holdSeconds: 60,
    },
    targets: [],
  },
};

export function isScenario(name: string): name is ScenarioName {
  return Object.hasOwn(SCENARIOS, name);
}

/** A scenario's defaults with the caller's overrides on top. */
export function scenarioOptions(name: ScenarioName, overrides: Partial<SimOptions> = {}): SimOptions {
  const s = SCENARIOS[name];
  const defined = Object.fromEntries(
    Object.entries(overrides).filter(([, v]) => v !== undefined),
  ) as Partial<SimOptions>;
  const o = { ...s.defaults, ...defined, retry: { ...s.defaults.retry, ...defined.retry }, scenario: name };
  // A waiting room's users all hold their stream unless told how many do, whatever their number.
  if (name === 'queue-storm' && defined.streams === undefined) o.streams = o.buyers;
  return o;
}
