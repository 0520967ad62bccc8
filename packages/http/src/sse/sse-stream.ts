import type { ServerResponse } from 'node:http';
import type { Notification } from '@livedrops/core';
import { OrderedDelivery } from '../streams/ordered-delivery.js';
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
 * One client's event stream (text/event-stream): ordering and catch-up come from
 * OrderedDelivery; this writes the frames, and drops a client whose socket holds more
 * unsent bytes than allowed (it reconnects with Last-Event-ID).
 */
export class SseStream extends OrderedDelivery {
  constructor(
    private readonly res: ServerResponse,
    private readonly opts: SseStreamOptions,
  ) {
    super(opts.maxPending, opts.onLive);
  }

  /** Sends the headers (merged with those already set, e.g. X-Request-Id) and the preamble. */
  open(): void {
    this.res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no', // nginx would otherwise buffer the stream
    });
    this.write(PREAMBLE);
  }

  heartbeat(): void {
    this.write(HEARTBEAT);
  }

  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.res.end();
  }

  protected deliver(n: Notification): void {
    this.write(notificationFrame(n));
  }

  protected drop(): void {
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
