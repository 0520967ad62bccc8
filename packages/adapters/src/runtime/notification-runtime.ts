import type { Clock, EventBus, EventLog, LiveHub, NotificationFeed, OutboxRelayStore, UseCases } from '@livedrops/core';
import { BackgroundLoop } from './background-loop.js';
import { FanningOutBus } from './fanning-out-bus.js';
import { InProcessEventBus } from './in-process-bus.js';
import { InProcessHub } from './in-process-hub.js';
import { LiveDelivery } from './live-delivery.js';
import { DEFAULT_LIVE_TAIL, LiveTail } from './live-tail.js';
import { OutboxRelay } from './outbox-relay.js';

export interface RuntimeTuning {
  /** Relay poll interval; commits also nudge it, so this only bounds the worst case… */
  relayIntervalMs: number;
  /** …and while passes find nothing it doubles up to this (rows no commit here nudged: a dead instance's). */
  relayIdleMaxMs: number;
  /** Rows per relay batch in process, where the bus delivers each batch on this loop (large ones would hold it)… */
  relayBatchSize: number;
  /**
   * …and with a broker, where each batch waits for the broker's confirms: a waiting room's start
   * writes a place for each of thousands of users at once, and in batches of 4,096 the last of
   * them is published 0.3–0.6 s sooner than in batches growing from 256 (docs/operations.md).
   */
  relayBrokerBatchSize: number;
  /** Test-only: the relay does nothing for this long after start (crash tests). */
  relayStartDelayMs: number;
  /** Scheduler poll interval: `drop.started` fires at most this late (plus the relay). */
  schedulerIntervalMs: number;
  schedulerBatchSize: number;
  /** With a broker: how often each instance reads the event log for events whose doorbell it missed. */
  livePollMs: number;
}

export const DEFAULT_RUNTIME_TUNING: RuntimeTuning = {
  relayIntervalMs: 50,
  relayIdleMaxMs: 800,
  relayBatchSize: 256,
  relayBrokerBatchSize: 4096,
  relayStartDelayMs: 0,
  schedulerIntervalMs: 100,
  schedulerBatchSize: 100,
  livePollMs: DEFAULT_LIVE_TAIL.pollMs,
};

export interface RuntimeObserver {
  outboxLag?(ms: number): void;
  fanoutBatch?(size: number): void;
  error?(err: unknown, where: 'relay' | 'scheduler' | 'live'): void;
}

export interface RuntimeDeps {
  outbox: OutboxRelayStore;
  feed: NotificationFeed;
  useCases: Pick<UseCases, 'fanOut' | 'startDueDrops'>;
  clock: Clock;
  /** Swappable: RabbitMQ and Redis pub/sub implementations plug in here. */
  bus?: EventBus;
  hub?: LiveHub;
  /**
   * Given with a bus that reaches every instance (a broker): the relay then fans each event
   * out before publishing it, and this instance's streams are fed by a LiveTail over the
   * bus and this log, instead of by the in-process consumer.
   */
  log?: EventLog | undefined;
}

/**
 * The notification machinery's background half: relay loop, scheduler loop, the bus
 * consumer and the live hub. Started and stopped by the server; `nudge` is wired to
 * commits that wrote outbox rows.
 */
export class NotificationRuntime {
  readonly bus: EventBus;
  readonly hub: LiveHub;
  readonly relay: OutboxRelay;
  private readonly relayLoop: BackgroundLoop;
  private readonly schedulerLoop: BackgroundLoop;
  private readonly tail: LiveTail | undefined;
  private unsubscribe: (() => Promise<void>) | undefined;
  private started = false;

  constructor(
    private readonly deps: RuntimeDeps,
    private readonly tuning: RuntimeTuning,
    observer: RuntimeObserver = {},
  ) {
    this.bus = deps.bus ?? new InProcessEventBus();
    this.hub = deps.hub ?? new InProcessHub();
    const relayBus = deps.log ? new FanningOutBus(this.bus, deps.useCases.fanOut) : this.bus;
    this.tail =
      deps.log &&
      new LiveTail(deps.log, deps.useCases.fanOut, this.hub, { ...DEFAULT_LIVE_TAIL, pollMs: tuning.livePollMs }, (e) =>
        observer.error?.(e, 'live'),
      );
    this.relay = new OutboxRelay(deps.outbox, relayBus, deps.clock, {
      batchSize: deps.log ? tuning.relayBrokerBatchSize : tuning.relayBatchSize,
      onLag: (ms) => observer.outboxLag?.(ms),
    });
    this.relayLoop = new BackgroundLoop(
      async () => (await this.relay.pass()) > 0,
      tuning.relayIntervalMs,
      (e) => observer.error?.(e, 'relay'),
      tuning.relayIdleMaxMs,
    );
    this.schedulerLoop = new BackgroundLoop(
      async () => void (await deps.useCases.startDueDrops.execute(tuning.schedulerBatchSize)),
      tuning.schedulerIntervalMs,
      (e) => observer.error?.(e, 'scheduler'),
    );
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    // Everything before the first unrelayed event was delivered by an earlier run (or
    // another instance): streams resuming now catch those up from the feed. Head first, so
    // a row committed in between stays above the watermark and is relayed, not skipped.
    const head = await this.deps.feed.head();
    if (this.tail && this.deps.log) {
      // Published means fanned out (FanningOutBus), whichever instance's relay did it.
      const first = await this.deps.log.firstUnpublished();
      this.hub.advanceTo(first === null ? head : Math.min(first - 1, head));
      this.unsubscribe = await this.bus.subscribe(this.tail.hear);
      this.tail.start();
    } else {
      const [first] = await this.deps.outbox.pending(1);
      this.hub.advanceTo(first ? Math.min(first.seq - 1, head) : head);
      this.unsubscribe = await this.bus.subscribe(new LiveDelivery(this.deps.useCases.fanOut, this.hub).handle);
    }
    this.relayLoop.start(this.tuning.relayStartDelayMs);
    this.schedulerLoop.start(0);
  }

  nudge(): void {
    this.relayLoop.nudge();
  }

  async stop(): Promise<void> {
    await this.schedulerLoop.stop();
    await this.relayLoop.stop();
    await this.tail?.stop();
    await this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}
