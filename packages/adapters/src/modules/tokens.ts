/**
 * The adapters' own tokens: what the entry points resolve beside the core's ports
 * (`TOKENS`), and the connections the technology modules open.
 */
export const ADAPTER_TOKENS = {
  Config: Symbol.for('livedrops.Config'),
  /** The opened storage engine (`DataAdapters`): memory, SQLite or PostgreSQL. */
  Data: Symbol.for('livedrops.DataAdapters'),
  Readiness: Symbol.for('livedrops.Readiness'),
  /** One `{ name, probe }` per dependency beside the database (`redis`, `amqp`); many bindings. */
  Probe: Symbol.for('livedrops.Probe'),
  Notifications: Symbol.for('livedrops.NotificationRuntime'),
  /** The SessionCache: who is told of revocations (to end a signed-out session's streams). */
  Sessions: Symbol.for('livedrops.SessionCache'),
  /** The checkout loops (hold expiry, owed gateway calls); started by the server. */
  Checkout: Symbol.for('livedrops.CheckoutRuntime'),
  /** The core's policy (thresholds, rate rules) with the options' overrides. */
  Policy: Symbol.for('livedrops.Policy'),
  /** Stops the background loops before any connection closes (`Lifecycle`). */
  Lifecycle: Symbol.for('livedrops.Lifecycle'),
  /** Told of every commit that wrote outbox rows; the relay listens (`OutboxSignal`). */
  OutboxSignal: Symbol.for('livedrops.OutboxSignal'),
  /** The outbox read as an ordered log (a LiveTail's source when a broker is configured). */
  EventLog: Symbol.for('livedrops.EventLog'),
  Redis: Symbol.for('livedrops.RedisConnection'),
  RedisBus: Symbol.for('livedrops.RedisEventBus'),
  Amqp: Symbol.for('livedrops.AmqpConnection'),
} as const;

export type Readiness = () => Promise<Record<string, 'up' | 'down'>>;

/** A dependency /readyz reports by name; `probe` throws when it is down. */
export interface Probe {
  name: string;
  probe(): Promise<void>;
}
