import type {
  CheckoutObserver,
  Clock,
  FairAccessObserver,
  PaymentGateway,
  PayOrderTuning,
  Policy,
  Ports,
} from '@livedrops/core';
import type { Container, ContainerModule } from 'inversify';
import type { Instrumentation } from '../instrumentation.js';
import type { CheckoutTuning } from '../runtime/checkout-runtime.js';
import type { FairAccessTuning } from '../runtime/fair-access-runtime.js';
import type { RuntimeObserver, RuntimeTuning } from '../runtime/notification-runtime.js';

export interface ContainerOptions {
  /** Replaces the system clock everywhere: use cases, adapters, loops (tests, virtual time). */
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
  checkout?: {
    tuning?: Partial<CheckoutTuning>;
    pay?: PayOrderTuning;
    observer?: CheckoutObserver;
    gateway?: PaymentGateway;
  };
  /**
   * Wraps the ports the use cases get. Tests only (the simulator's checker must be shown a
   * faulty inventory or lost notifications); no configuration setting reaches it.
   */
  decoratePorts?: (ports: Ports) => Ports;
  /** Fair access: the loops' timings, and where admissions and passes are reported (metrics). */
  fairAccess?: Partial<FairAccessTuning>;
  fairAccessObserver?: FairAccessObserver;
  /** The modules to load instead of `defaultModules(config, options)`. */
  modules?: ContainerModule[];
  /**
   * Called once every module is loaded and before anything is resolved or connected:
   * the place to `rebind` any token (a port, a connection, the policy).
   */
  overrides?: (container: Container) => void | Promise<void>;
}
