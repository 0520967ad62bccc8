import type { Notification } from '@livedrops/core';
import type { WebSocket } from 'ws';
import { OrderedDelivery } from './ordered-delivery.js';

/** Close code for a client cut off for reading too slowly (1013: try again later); it resumes with `after`. */
export const SLOW_CONSUMER_CLOSE = 1013;

export interface WsStreamOptions {
  /** Events waiting for the socket; more means the client reads too slowly: drop it. */
  maxPending: number;
  /** Bytes the socket may hold unsent before the client counts as too slow. */
  maxBufferedBytes: number;
  onLive?: (n: Notification) => void;
}

/**
 * One `notifications` subscription as the async iterator graphql-ws reads. graphql-ws
 * sends one message at a time, each once the previous one left the process, so a client
 * that reads too slowly shows up here as a growing queue: past the bound the connection
 * is closed (the client resumes with `after:`) instead of holding events without end.
 */
export class WsNotificationStream extends OrderedDelivery implements AsyncIterableIterator<Notification> {
  private queue: Notification[] = [];
  private waiting: (() => void) | undefined;
  private finished = false;
  /** Stops hearing the hub; set by whoever opened the stream. */
  release: () => void = () => undefined;

  constructor(
    private readonly socket: WebSocket,
    private readonly opts: WsStreamOptions,
  ) {
    super(opts.maxPending, opts.onLive);
  }

  protected deliver(n: Notification): void {
    this.queue.push(n);
    if (this.queue.length > this.opts.maxPending || this.socket.bufferedAmount > this.opts.maxBufferedBytes)
      return this.drop();
    this.wake();
  }

  /** Too slow or too far behind: the connection goes, queued events with it. */
  protected drop(): void {
    this.queue = [];
    this.finish();
    this.socket.close(SLOW_CONSUMER_CLOSE, 'too slow: reconnect and resume with after');
  }

  /** Cut off for a server-side failure (catch-up could not read the inbox): the client resumes. */
  abort(): void {
    this.drop();
  }

  /** Shutdown: what is queued still goes out, then the subscription completes. */
  end(): void {
    this.finish();
  }

  async next(): Promise<IteratorResult<Notification>> {
    while (this.queue.length === 0 && !this.finished) await new Promise<void>((r) => (this.waiting = r));
    const n = this.queue.shift();
    return n ? { value: n, done: false } : { value: undefined, done: true };
  }

  /** The client completed the subscription, or the connection closed. */
  async return(): Promise<IteratorResult<Notification>> {
    this.queue = [];
    this.finish();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private finish(): void {
    this.closed = true;
    this.finished = true;
    this.release();
    this.wake();
  }

  private wake(): void {
    const w = this.waiting;
    this.waiting = undefined;
    w?.();
  }
}
