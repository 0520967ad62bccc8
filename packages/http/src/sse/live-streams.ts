import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { RateLimitedError, UnavailableError, type LiveHub, type Notification, type UseCases, type User } from '@livedrops/core';
import type { AppContext } from '../routing/route.js';
import { SseStream } from './sse-stream.js';

const HEARTBEAT_SLOTS = 10;
const HEARTBEAT_SLICE = 256;

export interface StreamTuning {
  /** Gap between heartbeat comments (api.md: at most 15 s). */
  heartbeatMs: number;
  /** Open streams per user on one instance; more → 429. */
  maxStreamsPerUser: number;
  /** Unsent bytes per stream before the client is dropped (it resumes with Last-Event-ID). */
  maxBufferedBytes: number;
  /** Events per catch-up page, and the most live events held while catching up. */
  catchUpPage: number;
  maxPending: number;
}

export const DEFAULT_STREAM_TUNING: StreamTuning = {
  heartbeatMs: 15_000,
  maxStreamsPerUser: 5,
  maxBufferedBytes: 1 << 20,
  catchUpPage: 500,
  maxPending: 10_000,
};

export interface StreamObserver {
  connected?(count: number): void;
  delivered?(n: Notification): void;
}

/**
 * Every open notification stream of this instance: opens them (cap, subscribe, catch up),
 * beats their hearts from one timer, and ends them all on shutdown so a draining server
 * is not held open by clients that never hang up.
 */
export class LiveStreams {
  /** Each open stream with its heartbeat slot. */
  private readonly streams = new Map<SseStream, number>();
  private tick = 0;
  private opened = 0;
  private readonly timer: NodeJS.Timeout;
  private closing = false;
  private beating = false;

  constructor(
    private readonly hub: LiveHub,
    private readonly notifications: UseCases['notifications'],
    private readonly tuning: StreamTuning = DEFAULT_STREAM_TUNING,
    private readonly observer: StreamObserver = {},
  ) {
    // 5% early, so timer drift never stretches a stream's gap past the promised interval.
    this.timer = setInterval(() => void this.beat(), Math.max(1, Math.floor((tuning.heartbeatMs * 0.95) / HEARTBEAT_SLOTS)));
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
      if (at !== slot) continue;
      s.heartbeat();
      if (++i % HEARTBEAT_SLICE === 0) await yieldToEventLoop();
    }
    this.beating = false;
  }

  get size(): number {
    return this.streams.size;
  }

  /** Takes over the response and streams `user`'s notifications, after `lastEventId` if given. */
  async open(ctx: AppContext, user: User, lastEventId: string | undefined): Promise<void> {
    if (this.closing) throw new UnavailableError('notification streams (shutting down)');
    const resumeFrom = lastEventId === undefined ? null : await this.notifications.resumePoint(lastEventId);
    // Checked right before subscribing, with no await between: the cap holds under races.
    if (this.hub.streamCount(user.id) >= this.tuning.maxStreamsPerUser) throw new RateLimitedError(5);
    if (this.closing) throw new UnavailableError('notification streams (shutting down)');
    const stream = new SseStream(ctx.res, {
      maxBufferedBytes: this.tuning.maxBufferedBytes,
      maxPending: this.tuning.maxPending,
      onLive: (n) => this.observer.delivered?.(n),
    });
    const subscription = this.hub.subscribe(user.id, stream.live);
    this.streams.set(stream, this.opened++ % HEARTBEAT_SLOTS);
    this.observer.connected?.(this.streams.size);
    ctx.req.socket.setTimeout(0);
    ctx.req.socket.setNoDelay(true);
    ctx.res.once('close', () => {
      stream.closed = true;
      subscription.close();
      this.streams.delete(stream);
      this.observer.connected?.(this.streams.size);
    });
    ctx.respond = false; // Koa must not touch the response from here on
    stream.open();
    let floor = resumeFrom ?? 0;
    try {
      if (resumeFrom !== null) floor = await this.catchUp(stream, user.id, resumeFrom, await subscription.watermark);
    } catch (err) {
      // The response has begun, so no problem document: end it, and the client resumes.
      ctx.state.log.warn({ err }, 'stream catch-up failed');
      stream.end();
      return;
    }
    stream.caughtUp(floor);
  }

  /** Sends what the client missed, up to the hub's watermark at subscription; returns the last position sent. */
  private async catchUp(stream: SseStream, userId: string, after: number, upTo: number): Promise<number> {
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
