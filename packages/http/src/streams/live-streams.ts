import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import {
  RateLimitedError,
  UnavailableError,
  type LiveHub,
  type Notification,
  type UseCases,
  type User,
} from '@livedrops/core';
import type { OrderedDelivery } from './ordered-delivery.js';
import { SessionBindings } from './session-bindings.js';

const HEARTBEAT_SLOTS = 10;
const HEARTBEAT_SLICE = 256;

export interface StreamTuning {
  /** Gap between heartbeats (api.md: at most 15 s). */
  heartbeatMs: number;
  /** Open streams per user on one instance, SSE and WebSocket together; more → 429 / rate_limited. */
  maxStreamsPerUser: number;
  /** Open streams on this instance, every user together; more → 429 / rate_limited. */
  maxStreamsPerInstance: number;
  /** Unsent bytes per stream before the client is dropped (it resumes from the last id it saw). */
  maxBufferedBytes: number;
  /** Events per catch-up page, and the most live events held while catching up. */
  catchUpPage: number;
  maxPending: number;
}

export const DEFAULT_STREAM_TUNING: StreamTuning = {
  heartbeatMs: 15_000,
  maxStreamsPerUser: 5,
  maxStreamsPerInstance: 20_000,
  maxBufferedBytes: 1 << 20,
  catchUpPage: 500,
  maxPending: 10_000,
};

export interface StreamObserver {
  connected?(count: number): void;
  delivered?(n: Notification): void;
}

/** A stream as a transport builds it: ordered delivery, and a heartbeat if the transport has none of its own. */
export type LiveStream = OrderedDelivery & { heartbeat?(): void };

/** A stream that passed its checks and hears the hub; the transport starts and releases it. */
export interface OpenedStream<S extends LiveStream> {
  stream: S;
  /** Sends what the client missed (after its last id) up to the subscription's watermark, then goes live. */
  catchUp(): Promise<void>;
  /** The client went away: stop hearing the hub. Idempotent. */
  release(): void;
}

/**
 * Every open notification stream of this instance, SSE and WebSocket alike: opens them
 * (shutdown check, resume point, per-user cap, subscribe, catch up), beats the hearts of
 * those whose transport has no heartbeat of its own from one timer, and ends them all on
 * shutdown so a draining server is not held open by clients that never hang up.
 */
export class LiveStreams {
  /** Each open stream with its heartbeat slot. */
  private readonly streams = new Map<LiveStream, number>();
  private tick = 0;
  private opened = 0;
  private readonly timer: NodeJS.Timeout;
  private closing = false;
  private beating = false;
  /** The live connections of each session, ended when it is revoked. */
  readonly sessions = new SessionBindings();

  constructor(
    private readonly hub: LiveHub,
    private readonly notifications: UseCases['notifications'],
    readonly tuning: StreamTuning = DEFAULT_STREAM_TUNING,
    readonly observer: StreamObserver = {},
  ) {
    // 5% early, so timer drift never stretches a stream's gap past the promised interval.
    this.timer = setInterval(
      () => void this.beat(),
      Math.max(1, Math.floor((tuning.heartbeatMs * 0.95) / HEARTBEAT_SLOTS)),
    );
    this.timer.unref();
  }

  /**
   * Heartbeats go round a wheel: each stream has a slot, and each tick (a slot's share of
   * the interval) beats one slot, so every stream hears one per interval while the writes
   * spread evenly over it. 10,000 writes in one go would block the loop for a few hundred
   * milliseconds, which every order in flight would feel.
   */
  private async beat(): Promise<void> {
    if (this.beating) return;
    this.beating = true;
    const slot = this.tick++ % HEARTBEAT_SLOTS;
    let i = 0;
    for (const [s, at] of [...this.streams]) {
      if (at !== slot || !s.heartbeat) continue;
      s.heartbeat();
      if (++i % HEARTBEAT_SLICE === 0) await yieldToEventLoop();
    }
    this.beating = false;
  }

  get size(): number {
    return this.streams.size;
  }

  get isClosing(): boolean {
    return this.closing;
  }

  /**
   * Checks and subscribes a stream of `user`'s notifications after `lastEventId` (if given);
   * `create` builds the transport's stream once the checks have passed. Throws
   * RateLimitedError past the per-user cap and UnavailableError while shutting down.
   */
  async open<S extends LiveStream>(
    user: User,
    lastEventId: string | undefined,
    create: () => S,
    sessionHash?: string,
  ): Promise<OpenedStream<S>> {
    if (this.closing) throw new UnavailableError('notification streams (shutting down)');
    const resumeFrom = lastEventId === undefined ? null : await this.notifications.resumePoint(lastEventId);
    // Checked right before subscribing, with no await between: the caps hold under races.
    if (this.hub.streamCount(user.id) >= this.tuning.maxStreamsPerUser) throw new RateLimitedError(5);
    if (this.streams.size >= this.tuning.maxStreamsPerInstance) throw new RateLimitedError(5);
    if (this.closing) throw new UnavailableError('notification streams (shutting down)');
    const stream = create();
    const subscription = this.hub.subscribe(user.id, stream.live);
    this.streams.set(stream, this.opened++ % HEARTBEAT_SLOTS);
    this.observer.connected?.(this.streams.size);
    const unbind = sessionHash === undefined ? () => undefined : this.sessions.bind(sessionHash, () => stream.end());
    let released = false;
    return {
      stream,
      catchUp: async () => {
        let floor = resumeFrom ?? 0;
        if (resumeFrom !== null)
          floor = await this.catchUpTo(stream, user.id, resumeFrom, await subscription.watermark);
        stream.caughtUp(floor);
      },
      release: () => {
        if (released) return;
        released = true;
        unbind();
        stream.closed = true;
        subscription.close();
        this.streams.delete(stream);
        this.observer.connected?.(this.streams.size);
      },
    };
  }

  /** Sends what the client missed, up to the hub's watermark at subscription; returns the last position sent. */
  private async catchUpTo(stream: LiveStream, userId: string, after: number, upTo: number): Promise<number> {
    let last = after;
    while (!stream.closed) {
      const items = await this.notifications.since(userId, last, upTo, this.tuning.catchUpPage);
      for (const item of items) stream.send(item.seq, item.notification);
      if (items.length > 0) last = items[items.length - 1]!.seq;
      if (items.length < this.tuning.catchUpPage) break;
    }
    return Math.max(last, after);
  }

  /** Ends every stream and refuses new ones (graceful shutdown). */
  closeAll(): void {
    this.closing = true;
    clearInterval(this.timer);
    for (const s of this.streams.keys()) s.end();
  }
}
