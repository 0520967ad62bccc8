import {
  cacheKeys,
  TOKENS,
  type Clock,
  type Inventory,
  type OrderBook,
  type Policy,
  type ReadCache,
} from '@livedrops/core';
import { ContainerModule, type ContainerModuleLoadOptions } from 'inversify';
import type { DataAdapters } from '../data-ports.js';
import { eventLogOf } from '../infrastructure.js';
import type { Instrumentation } from '../instrumentation.js';
import { SandboxGateway } from '../payments/sandbox-gateway.js';
import { RedisReadCache } from '../redis/redis-read-cache.js';
import type { ContainerOptions } from './options.js';
import { closeAfterLoops, guarded, type Lifecycle } from './lifecycle.js';
import { ADAPTER_TOKENS } from './tokens.js';

/**
 * What `TOKENS.Inventory` is bound to by default: the engine's own stock decision, made in
 * its transaction. Rebinding the token to another Inventory hands that one to every unit of
 * work instead (and turns off the PostgreSQL order book, which decides stock in SQL).
 */
export const ENGINE_INVENTORY: Inventory = {
  reserve: () => Promise.reject(new Error('ENGINE_INVENTORY is a marker; units of work use their own')),
};

type Open = (clock: Clock, instrumentation: Instrumentation | undefined) => Promise<DataAdapters>;

/** A storage engine's module: opens it on first resolution, binds each of its ports to its token. */
export function engineModule(open: Open, options: ContainerOptions): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<DataAdapters>(ADAPTER_TOKENS.Data)
      .toResolvedValue(
        async (clock: Clock, life: Lifecycle) => guarded(await open(clock, options.instrumentation), life),
        [TOKENS.Clock, ADAPTER_TOKENS.Lifecycle],
      )
      .onDeactivation(closeAfterLoops);
    bindEnginePorts(bind, options);
  });
}

const PORTS = {
  Users: 'users',
  Sessions: 'sessions',
  Follows: 'follows',
  Products: 'products',
  Drops: 'drops',
  Orders: 'orders',
  Idempotency: 'idempotency',
  UnitOfWork: 'uow',
  Feed: 'feed',
  Tickets: 'tickets',
  Blobs: 'blobs',
  Search: 'search',
  Holds: 'holds',
  Payments: 'payments',
  Waitlist: 'waitlist',
  Activity: 'activity',
  OutboxRelay: 'outbox',
  Fairness: 'fairness',
  Draws: 'draws',
  Queues: 'queues',
} as const satisfies Partial<Record<keyof typeof TOKENS, keyof DataAdapters>>;

function bindEnginePorts(bind: ContainerModuleLoadOptions['bind'], options: ContainerOptions): void {
  for (const [token, field] of Object.entries(PORTS)) {
    bind(TOKENS[token as keyof typeof PORTS]).toResolvedValue((d: DataAdapters) => d[field], [ADAPTER_TOKENS.Data]);
  }
  bind(TOKENS.Inventory).toConstantValue(ENGINE_INVENTORY);
  bind(ADAPTER_TOKENS.EventLog).toResolvedValue((d: DataAdapters) => eventLogOf(d), [ADAPTER_TOKENS.Data]);
  // The sandbox processor, over a ledger in this deployment's database, is the gateway.
  bind(TOKENS.PaymentGateway).toResolvedValue(
    (d: DataAdapters) => options.checkout?.gateway ?? new SandboxGateway(d.sandboxLedger),
    [ADAPTER_TOKENS.Data],
  );
  bind<OrderBook | undefined>(TOKENS.OrderBook).toResolvedValue(
    (d: DataAdapters, policy: Policy, cache: ReadCache, inventory: Inventory) => {
      if (inventory !== ENGINE_INVENTORY) return undefined;
      const floors =
        cache instanceof RedisReadCache
          ? {
              ready: () => cache.ready(),
              floor: (id: string, drawn: number) => cache.floor(cacheKeys.drop(id), 'drawn', drawn),
            }
          : undefined;
      return d.orderBook?.({
        celebrityFollowers: policy.celebrityFollowers,
        cache: floors,
        instrumentation: options.instrumentation,
      });
    },
    [ADAPTER_TOKENS.Data, ADAPTER_TOKENS.Policy, TOKENS.ReadCache, TOKENS.Inventory],
  );
}
