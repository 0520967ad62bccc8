import {
  TOKENS,
  type Clock,
  type EventBus,
  type EventLog,
  type OutboxRelayStore,
  type StockGate,
} from '@livedrops/core';
import type { NotificationFeed, UseCases } from '@livedrops/core';
import { ContainerModule } from 'inversify';
import type { DataAdapters } from '../data-ports.js';
import { CheckoutRuntime, DEFAULT_CHECKOUT_TUNING, hearingReturns } from '../runtime/checkout-runtime.js';
import { DEFAULT_RUNTIME_TUNING, NotificationRuntime } from '../runtime/notification-runtime.js';
import { DEFAULT_FAIR_ACCESS_TUNING, FAIR_ACCESS_TOKENS, FairAccessRuntime } from '../runtime/fair-access-runtime.js';
import type { Lifecycle, OutboxSignal } from './lifecycle.js';
import type { ContainerOptions } from './options.js';
import { ADAPTER_TOKENS, type Probe, type Readiness } from './tokens.js';

/** The background loops (relay, scheduler, checkout, fair access) and readiness. The server starts the loops. */
export function runtimeModule(options: ContainerOptions = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<CheckoutRuntime>(ADAPTER_TOKENS.Checkout).toResolvedValue(
      (useCases: UseCases, life: Lifecycle) => {
        const runtime = new CheckoutRuntime(useCases, { ...DEFAULT_CHECKOUT_TUNING, ...options.checkout?.tuning });
        life.onStop(() => runtime.stop());
        return runtime;
      },
      [TOKENS.UseCases, ADAPTER_TOKENS.Lifecycle],
    );
    // Fair access: the shuffle and admission loops.
    bind<FairAccessRuntime>(FAIR_ACCESS_TOKENS.Runtime).toResolvedValue(
      (useCases: UseCases, life: Lifecycle) => {
        const runtime = new FairAccessRuntime(useCases, { ...DEFAULT_FAIR_ACCESS_TUNING, ...options.fairAccess });
        life.onStop(() => runtime.stop());
        return runtime;
      },
      [TOKENS.UseCases, ADAPTER_TOKENS.Lifecycle],
    );
    bind<NotificationRuntime>(ADAPTER_TOKENS.Notifications).toResolvedValue(
      (
        ...deps: [
          OutboxRelayStore,
          NotificationFeed,
          UseCases,
          Clock,
          StockGate,
          OutboxSignal,
          Lifecycle,
          EventBus?,
          EventLog?,
        ]
      ) => {
        const [outbox, feed, useCases, clock, gate, signal, life, bus, log] = deps;
        const runtime = new NotificationRuntime(
          {
            // A bus that reaches other instances brings the relay's fan-out-then-publish and a LiveTail.
            outbox,
            feed,
            clock,
            ...(bus ? { bus, log } : {}),
            // Holds that other instances end bring units back: this instance's stock gate hears of it too.
            useCases: { ...useCases, fanOut: hearingReturns(useCases.fanOut, (dropId) => gate.returned?.(dropId)) },
          },
          { ...DEFAULT_RUNTIME_TUNING, ...options.notifications },
          options.observer,
        );
        signal.listen(() => runtime.nudge());
        life.onStop(() => runtime.stop());
        return runtime;
      },
      [
        TOKENS.OutboxRelay,
        TOKENS.Feed,
        TOKENS.UseCases,
        TOKENS.Clock,
        TOKENS.StockGate,
        ADAPTER_TOKENS.OutboxSignal,
        ADAPTER_TOKENS.Lifecycle,
        { serviceIdentifier: TOKENS.EventBus, optional: true },
        ADAPTER_TOKENS.EventLog,
      ],
    );
    // Every configured dependency by name (`database`, and `redis` / `amqp` when set), probed in parallel.
    bind<Readiness>(ADAPTER_TOKENS.Readiness).toResolvedValue(
      (d: DataAdapters, probes: Probe[] | undefined) => async () => {
        const all = [{ name: 'database', probe: () => d.ping() }, ...(probes ?? [])];
        const states = await Promise.all(
          all.map((p) =>
            p.probe().then(
              () => 'up' as const,
              () => 'down' as const,
            ),
          ),
        );
        return Object.fromEntries(all.map((p, i) => [p.name, states[i]!]));
      },
      [ADAPTER_TOKENS.Data, { serviceIdentifier: ADAPTER_TOKENS.Probe, isMultiple: true, optional: true }],
    );
  });
}
