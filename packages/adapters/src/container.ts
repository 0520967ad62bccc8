import { Container } from 'inversify';
import {
  cacheKeys, createUseCases, DEFAULT_POLICY, NO_CACHE, SoldOutMemo, TOKENS, withReadCache, type Clock, type Policy, type Ports, type ReadCache,
  type CheckoutObserver, type PaymentGateway, type PayOrderTuning, type StockGate, type UseCases, type FairAccessObserver,
} from '@livedrops/core';
import { ConfigError, type Config } from './config.js';
import type { DataAdapters } from './data-ports.js';
import type { Instrumentation } from './instrumentation.js';
import { SessionCache } from './cache/session-cache.js';
import { RedisReadCache } from './redis/redis-read-cache.js';
import { createMemoryAdapters } from './memory/create-memory-adapters.js';
import { MemoryIdempotencyLock } from './memory/memory-lock.js';
import { eventLogOf, openInfrastructure, type Infrastructure } from './infrastructure.js';
import { DEFAULT_RUNTIME_TUNING, NotificationRuntime, type RuntimeObserver, type RuntimeTuning } from './runtime/notification-runtime.js';
import { signallingUnitOfWork } from './runtime/signalling-unit-of-work.js';
import { createPostgresAdapters, migratePostgres } from './postgres/create-postgres-adapters.js';
import { parsePostgresUrl } from './postgres/pg-url.js';
import { createSqliteAdapters, migrateSqlite } from './sqlite/create-sqlite-adapters.js';
import { SystemClock } from './system/clocks.js';
import { RandomTokens, ScryptHasher } from './system/credentials.js';
import { UuidV7 } from './system/uuid-v7.js';
import { SharpImageProcessor } from './media/sharp-image-processor.js';
import { SandboxGateway } from './payments/sandbox-gateway.js';
import { CheckoutRuntime, DEFAULT_CHECKOUT_TUNING, hearingReturns, type CheckoutTuning } from './runtime/checkout-runtime.js';
// Fair access (issue 14)
import { NodeFairnessCrypto } from './system/fairness-crypto.js';
import { DEFAULT_FAIR_ACCESS_TUNING, FAIR_ACCESS_TOKENS, FairAccessRuntime, type FairAccessTuning } from './runtime/fair-access-runtime.js';

export type Readiness = () => Promise<Record<string, 'up' | 'down'>>;

export const ADAPTER_TOKENS = {
  Config: Symbol.for('livedrops.Config'),
  Data: Symbol.for('livedrops.DataAdapters'),
  Readiness: Symbol.for('livedrops.Readiness'),
  Notifications: Symbol.for('livedrops.NotificationRuntime'),
  Infrastructure: Symbol.for('livedrops.Infrastructure'),
  /** The SessionCache: who is told of revocations (to end a signed-out session's streams). */
  Sessions: Symbol.for('livedrops.SessionCache'),
  /** The checkout loops (hold expiry, owed gateway calls); started by the server. */
  Checkout: Symbol.for('livedrops.CheckoutRuntime'),
} as const;

export interface ContainerOptions {
  /** Replaces the system clock (tests, the simulator's virtual time). */
  clock?: Clock;
  /** Overrides of the core's policy (tests lower the celebrity-follower threshold). */
  policy?: Partial<Policy>;
  /** Relay and scheduler timings. */
  notifications?: Partial<RuntimeTuning>;
  /** Where the notification runtime reports outbox lag, fan-out batches and loop errors. */
  observer?: RuntimeObserver;
  /** Where the storage adapters report stock-decrement and lock-wait timings (metrics). */
  instrumentation?: Instrumentation;
  /** Checkout: loop timings, payment retries and leases, and where its outcomes are reported. */
  checkout?: { tuning?: Partial<CheckoutTuning>; pay?: PayOrderTuning; observer?: CheckoutObserver; gateway?: PaymentGateway };
  /**
   * Wraps the ports the use cases get. Tests only (the simulator's checker must be shown a
   * faulty inventory or lost notifications); no configuration setting reaches it.
   */
  decoratePorts?: (ports: Ports) => Ports;
  /** Fair access (issue 14): the loops' timings, and where admissions and passes are reported (metrics). */
  fairAccess?: Partial<FairAccessTuning>;
  fairAccessObserver?: FairAccessObserver;
}

/** Opens the storage engine the configuration names (running its migrations). */
export async function openData(config: Config, clock: Clock, instrumentation?: Instrumentation): Promise<DataAdapters> {
  const url = config.databaseUrl;
  if (url === 'memory:') return createMemoryAdapters({ clock });
  if (url.startsWith('sqlite:')) return createSqliteAdapters({ filename: url.slice('sqlite:'.length), clock, instrumentation });
  if (isPostgresUrl(url)) return createPostgresAdapters({ ...parsePostgresUrl(url), clock, instrumentation });
  throw new ConfigError('DATABASE_URL', `"${url}" names no supported engine`);
}

/** `livedrops migrate`: applies pending migrations; returns the names applied. */
export async function migrateDatabase(config: Config): Promise<string[]> {
  const url = config.databaseUrl;
  if (url === 'memory:') return [];
  if (url.startsWith('sqlite:')) return migrateSqlite(url.slice('sqlite:'.length));
  if (isPostgresUrl(url)) return migratePostgres(parsePostgresUrl(url).url);
  throw new ConfigError('DATABASE_URL', `"${url}" names no supported engine`);
}

const isPostgresUrl = (url: string): boolean => url.startsWith('postgres://') || url.startsWith('postgresql://');

/**
 * The composition root: the only place that knows which adapter backs which port.
 * Entry points `get` the use cases and readiness; `unbindAllAsync()` closes connections.
 */
export async function createContainer(config: Config, options: ContainerOptions = {}): Promise<Container> {
  const clock = options.clock ?? new SystemClock();
  const data = await openData(config, clock, options.instrumentation);
  const policy = { ...DEFAULT_POLICY, ...options.policy };
  const infra = await openInfrastructure(config, clock, options.instrumentation).catch(async (e: unknown) => {
    await data.close();
    throw e;
  });
  // Commits that wrote outbox rows nudge the relay; it exists only once resolved below.
  let onEvents = (): void => undefined;
  const uow = signallingUnitOfWork(data.uow, () => onEvents());
  const c = new Container({ defaultScope: 'Singleton' });
  c.bind(ADAPTER_TOKENS.Config).toConstantValue(config);
  // Every request reads its session: in this process, revocations polled from the database.
  const sessions = new SessionCache(data.sessions, clock).start();
  c.bind<SessionCache>(ADAPTER_TOKENS.Sessions).toConstantValue(sessions);
  // The checkout loops query the database: they stop before it closes, whatever the unbinding order.
  let checkoutLoops: CheckoutRuntime | undefined;
  let fairLoops: FairAccessRuntime | undefined; // fair access (issue 14)
  c.bind<DataAdapters>(ADAPTER_TOKENS.Data).toConstantValue(data).onDeactivation(async (d) => {
    await checkoutLoops?.stop();
    await fairLoops?.stop();
    await sessions.stop();
    await infra.close();
    await d.close();
  });
  c.bind(TOKENS.Clock).toConstantValue(clock);
  c.bind(TOKENS.Ids).toConstantValue(new UuidV7());
  c.bind(TOKENS.Hasher).toConstantValue(new ScryptHasher());
  c.bind(TOKENS.Tokens).toConstantValue(new RandomTokens());
  // Closed with the storage engine (above): a constant nobody resolves is never deactivated.
  c.bind<Infrastructure>(ADAPTER_TOKENS.Infrastructure).toConstantValue(infra);
  c.bind(TOKENS.Limiter).toConstantValue(infra.limiter);
  // In-flight keys are this instance's business: across instances the database's one record
  // per key decides (the later request replays the earlier one's answer).
  c.bind(TOKENS.Locks).toConstantValue(new MemoryIdempotencyLock(clock));
  c.bind(TOKENS.Images).toConstantValue(new SharpImageProcessor());
  // The sandbox processor, over a ledger in this deployment's database, is the gateway.
  c.bind(TOKENS.PaymentGateway).toConstantValue(options.checkout?.gateway ?? new SandboxGateway(data.sandboxLedger));
  const cache = infra.cache;
  const book = data.orderBook?.({
    celebrityFollowers: policy.celebrityFollowers,
    cache: cache instanceof RedisReadCache ? { ready: () => cache.ready(), floor: (id, drawn) => cache.floor(cacheKeys.drop(id), 'drawn', drawn) } : undefined,
    instrumentation: options.instrumentation,
  });
  const memo = new SoldOutMemo(clock);
  const gate: StockGate = {
    enter: async (dropId, quantity) => {
      const pass = await memo.enter(dropId);
      options.instrumentation?.stockGate?.(pass.verdict);
      return pass;
    },
    returned: (dropId) => memo.forget(dropId),
  };
  // --- Fair access (issue 14): the shuffle's hashes and seeds; its loops are bound below. ---
  const fairAccess = { digests: new NodeFairnessCrypto() };
  // --- end fair access ---
  c.bind<Ports>(TOKENS.Ports).toResolvedValue(
    (d: DataAdapters, clk, ids, hasher, tokens, limiter, locks, images, gateway) => {
      const bare = { ...d, sessions, uow, clock: clk, ids, hasher, tokens, limiter, locks, images, gateway, gate, book, ...fairAccess } as Ports;
      // No cache (Postgres without Redis): the wrapper would only split a drop read into a
      // drop query and a product query for a title the drop query already joins.
      const ports = infra.cache === NO_CACHE ? bare : withReadCache(bare, infra.cache);
      return options.decoratePorts ? options.decoratePorts(ports) : ports;
    },
    [ADAPTER_TOKENS.Data, TOKENS.Clock, TOKENS.Ids, TOKENS.Hasher, TOKENS.Tokens, TOKENS.Limiter, TOKENS.Locks, TOKENS.Images, TOKENS.PaymentGateway],
  );
  c.bind(TOKENS.UseCases).toResolvedValue(
    (ports: Ports) => createUseCases(ports, policy, {
      fanoutBatch: (n) => options.observer?.fanoutBatch?.(n), checkout: options.checkout?.observer, payTuning: options.checkout?.pay,
      fairAccess: options.fairAccessObserver, // fair access (issue 14)
    }),
    [TOKENS.Ports],
  );
  c.bind<CheckoutRuntime>(ADAPTER_TOKENS.Checkout)
    .toResolvedValue((useCases: UseCases) => (checkoutLoops = new CheckoutRuntime(useCases, { ...DEFAULT_CHECKOUT_TUNING, ...options.checkout?.tuning })), [TOKENS.UseCases])
    .onDeactivation((runtime) => runtime.stop());
  // --- Fair access (issue 14): the shuffle loop. ---
  c.bind<FairAccessRuntime>(FAIR_ACCESS_TOKENS.Runtime)
    .toResolvedValue((useCases: UseCases) => (fairLoops = new FairAccessRuntime(useCases, { ...DEFAULT_FAIR_ACCESS_TUNING, ...options.fairAccess })), [TOKENS.UseCases])
    .onDeactivation((runtime) => runtime.stop());
  // --- end fair access ---
  c.bind<NotificationRuntime>(ADAPTER_TOKENS.Notifications)
    .toResolvedValue(
      (d: DataAdapters, useCases: UseCases, clk: Clock) => {
        const runtime = new NotificationRuntime(
          // A bus that reaches other instances brings the relay's fan-out-then-publish and a LiveTail.
          {
            outbox: d.outbox, feed: d.feed, clock: clk, ...(infra.bus ? { bus: infra.bus, log: eventLogOf(d) } : {}),
            // Holds that other instances end bring units back: this instance's sold-out memo hears of it too.
            useCases: { ...useCases, fanOut: hearingReturns(useCases.fanOut, (dropId) => memo.forget(dropId)) },
          },
          { ...DEFAULT_RUNTIME_TUNING, ...options.notifications },
          options.observer,
        );
        onEvents = () => runtime.nudge();
        return runtime;
      },
      [ADAPTER_TOKENS.Data, TOKENS.UseCases, TOKENS.Clock],
    )
    .onDeactivation((runtime) => runtime.stop());
  // Every configured dependency by name (`database`, and `redis` / `amqp` when set), probed in parallel.
  c.bind<Readiness>(ADAPTER_TOKENS.Readiness).toResolvedValue(
    (d: DataAdapters) => async () => {
      const probes = Object.entries({ database: () => d.ping(), ...infra.checks });
      const states = await Promise.all(probes.map(([, probe]) => probe().then(() => 'up' as const, () => 'down' as const)));
      return Object.fromEntries(probes.map(([name], i) => [name, states[i]!]));
    },
    [ADAPTER_TOKENS.Data],
  );
  return c;
}
