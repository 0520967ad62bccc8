import {
  createUseCases,
  DEFAULT_POLICY,
  NO_CACHE,
  SoldOutMemo,
  TOKENS,
  withReadCache,
  type Clock,
  type Inventory,
  type Policy,
  type Ports,
  type Pressure,
  type ReadCache,
  type SessionRepository,
  type StockGate,
  type UnitOfWork,
} from '@livedrops/core';
import { ContainerModule } from 'inversify';
import { SessionCache } from '../cache/session-cache.js';
import { signallingUnitOfWork } from '../runtime/signalling-unit-of-work.js';
import { ENGINE_INVENTORY } from './engine-ports.js';
import { EventLoopPressure } from '../runtime/event-loop-pressure.js';
import { Lifecycle, OutboxSignal } from './lifecycle.js';
import type { ContainerOptions } from './options.js';
import { ADAPTER_TOKENS } from './tokens.js';

/** Tokens in the order `Ports` takes them; each resolves to the port of the same name. */
const PORT_TOKENS = {
  clock: TOKENS.Clock,
  ids: TOKENS.Ids,
  hasher: TOKENS.Hasher,
  tokens: TOKENS.Tokens,
  limiter: TOKENS.Limiter,
  users: TOKENS.Users,
  sessions: ADAPTER_TOKENS.Sessions,
  follows: TOKENS.Follows,
  products: TOKENS.Products,
  drops: TOKENS.Drops,
  orders: TOKENS.Orders,
  idempotency: TOKENS.Idempotency,
  locks: TOKENS.Locks,
  uow: TOKENS.UnitOfWork,
  feed: TOKENS.Feed,
  tickets: TOKENS.Tickets,
  blobs: TOKENS.Blobs,
  images: TOKENS.Images,
  search: TOKENS.Search,
  holds: TOKENS.Holds,
  payments: TOKENS.Payments,
  waitlist: TOKENS.Waitlist,
  gateway: TOKENS.PaymentGateway,
  activity: TOKENS.Activity,
  gate: TOKENS.StockGate,
  book: TOKENS.OrderBook,
  fairness: TOKENS.Fairness,
  digests: TOKENS.FairnessCrypto,
  draws: TOKENS.Draws,
  queues: TOKENS.Queues,
  queueLine: TOKENS.QueueLine,
  pressure: TOKENS.Pressure,
} as const satisfies Record<keyof Ports, symbol>;
const names = Object.keys(PORT_TOKENS) as Array<keyof Ports>;

/** The core's side: policy, stock gate, session cache, the assembled ports and the use cases. */
export function coreModule(options: ContainerOptions = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(ADAPTER_TOKENS.Lifecycle).toConstantValue(new Lifecycle());
    bind(ADAPTER_TOKENS.OutboxSignal).toConstantValue(new OutboxSignal());
    bind<Policy>(ADAPTER_TOKENS.Policy).toConstantValue({ ...DEFAULT_POLICY, ...options.policy });
    bind<StockGate>(TOKENS.StockGate).toResolvedValue(
      (clock: Clock) => {
        const memo = new SoldOutMemo(clock);
        return {
          enter: async (dropId) => {
            const pass = await memo.enter(dropId);
            options.instrumentation?.stockGate?.(pass.verdict);
            return pass;
          },
          returned: (dropId) => memo.forget(dropId),
        };
      },
      [TOKENS.Clock],
    );
    bind<Pressure>(TOKENS.Pressure).toResolvedValue(
      (life: Lifecycle) => {
        const pressure = new EventLoopPressure();
        life.onStop(() => pressure.stop());
        return pressure;
      },
      [ADAPTER_TOKENS.Lifecycle],
    );
    // Every request reads its session: in this process, revocations polled from the database.
    bind<SessionCache>(ADAPTER_TOKENS.Sessions).toResolvedValue(
      (inner: SessionRepository, clock: Clock, life: Lifecycle) => {
        const cache = new SessionCache(inner, clock).start();
        life.onStop(() => cache.stop());
        return cache;
      },
      [TOKENS.Sessions, TOKENS.Clock, ADAPTER_TOKENS.Lifecycle],
    );
    bind<Ports>(TOKENS.Ports).toResolvedValue(
      (cache: ReadCache, inventory: Inventory, signal: OutboxSignal, ...ports: unknown[]) => {
        const bare = Object.fromEntries(names.map((name, i) => [name, ports[i]])) as unknown as Ports;
        bare.uow = signallingUnitOfWork(withInventory(bare.uow, inventory), () => signal.notify());
        // No cache (Postgres without Redis): the wrapper would only split a drop read into a
        // drop query and a product query for a title the drop query already joins.
        const cached = cache === NO_CACHE ? bare : withReadCache(bare, cache);
        return options.decoratePorts ? options.decoratePorts(cached) : cached;
      },
      [TOKENS.ReadCache, TOKENS.Inventory, ADAPTER_TOKENS.OutboxSignal, ...names.map((n) => PORT_TOKENS[n])],
    );
    bind(TOKENS.UseCases).toResolvedValue(
      (ports: Ports, policy: Policy) =>
        createUseCases(ports, policy, {
          fanoutBatch: (n) => options.observer?.fanoutBatch?.(n),
          checkout: options.checkout?.observer,
          payTuning: options.checkout?.pay,
          fairAccess: options.fairAccessObserver,
        }),
      [TOKENS.Ports, ADAPTER_TOKENS.Policy],
    );
  });
}

/** Hands every unit of work `inventory` instead of the engine's own, unless it is the engine's. */
export function withInventory(uow: UnitOfWork, inventory: Inventory): UnitOfWork {
  if (inventory === ENGINE_INVENTORY) return uow;
  return { run: (work) => uow.run((tx) => work({ ...tx, inventory })) };
}
