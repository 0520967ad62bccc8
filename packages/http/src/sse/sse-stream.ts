import type { ServerResponse } from 'node:http';
import type { Notification } from '@livedrops/core';
import { HEARTBEAT, notificationFrame, PREAMBLE } from './sse-frames.js';

export interface SseStreamOptions {
  /** Bytes the socket may hold unsent before the client counts as too slow and is dropped. */
  maxBufferedBytes: number;
  /** Live events held while catching up; more means the client is far behind: drop it. */
  maxPending: number;
  /** Observes each live event written (delivery lag metric). */
  onLive?: (n: Notification) => void;
}

/**
 * One client's event stream. Live events that arrive while it catches up from the inbox
 * wait in `pending`; then both are written in outbox order with a floor, so an event is
 * written at most once and never after a later one. A client that cannot keep up is
 * dropped rather than buffered without bound: it reconnects with Last-Event-ID and
 * catches up from the inbox, which is where the backlog belongs.
 */
export class SseStream {
  private floor = 0;
  private catchingUp = true;
  private pending: Array<[number, Notification]> = [];
  closed = false;

  constructor(private readonly res: ServerResponse, private readonly opts: SseStreamOptions) {}

  /** Sends the headers (merged with those already set, e.g. X-Request-Id) and the preamble. */
  open(): void {
    this.res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no', // nginx would otherwise buffer the stream
    });
    this.write(PREAMBLE);
  }

  /** The hub's listener. */
  readonly live = (seq: number, n: Notification): void => {
    if (this.closed) return;
    if (this.catchingUp) {
      this.pending.push([seq, n]);
      if (this.pending.length > this.opts.maxPending) this.drop();
      return;
    }
    if (this.send(seq, n)) this.opts.onLive?.(n);
  };

  /** Writes an event unless one at or after its position was written already. */
  send(seq: number, n: Notification): boolean {
    if (this.closed || seq <= this.floor) return false;
    this.floor = seq;
    this.write(notificationFrame(n));
    return true;
  }

  /** Catch-up is over: nothing at or below `floor` may follow; the held live events go out in order. */
  caughtUp(floor: number): void {
    this.floor = Math.max(this.floor, floor);
    this.catchingUp = false;
    const held = this.pending.sort((a, b) => a[0] - b[0]);
    this.pending = [];
    for (const [seq, n] of held) if (this.send(seq, n)) this.opts.onLive?.(n);
  }

  heartbeat(): void {
    this.write(HEARTBEAT);
  }

  /** A clean end (shutdown): the client reconnects, elsewhere if need be. */
  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.res.end();
  }

  private drop(): void {
    this.closed = true;
    this.res.destroy();
  }

  private write(chunk: string | Buffer): void {
    if (this.closed) return;
    this.res.write(chunk);
    // writableLength counts what the response and its socket still hold unsent.
    if (this.res.writableLength > this.opts.maxBufferedBytes) this.drop();
  }
}
