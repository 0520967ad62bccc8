import type { Notification } from '@livedrops/core';

/**
 * One client's notifications in outbox order, whatever carries them (SSE, WebSocket).
 * Live events that arrive while the client catches up from the inbox wait in `pending`;
 * then both go out in outbox order above a floor, so an event is delivered at most once
 * and never after a later one. A client that falls too far behind is dropped rather than
 * buffered without bound: it comes back with the last id it saw and catches up from the
 * inbox, which is where the backlog belongs.
 */
export abstract class OrderedDelivery {
  private floor = 0;
  private catchingUp = true;
  private pending: Array<[number, Notification]> = [];
  closed = false;

  constructor(
    /** Live events held while catching up; more means the client is far behind: drop it. */
    private readonly maxPending: number,
    /** Observes each live event delivered (delivery lag metric). */
    private readonly onLive?: (n: Notification) => void,
  ) {}

  /** Hands one event to the transport. */
  protected abstract deliver(n: Notification): void;
  /** Cuts the client off: it is too slow or too far behind. */
  protected abstract drop(): void;
  /** A clean end (shutdown): the client reconnects, elsewhere if need be. */
  abstract end(): void;

  /** The hub's listener. */
  readonly live = (seq: number, n: Notification): void => {
    if (this.closed) return;
    if (this.catchingUp) {
      this.pending.push([seq, n]);
      if (this.pending.length > this.maxPending) this.drop();
      return;
    }
    if (this.send(seq, n)) this.onLive?.(n);
  };

  /** Delivers an event unless one at or after its position was delivered already. */
  send(seq: number, n: Notification): boolean {
    if (this.closed || seq <= this.floor) return false;
    this.floor = seq;
    this.deliver(n);
    return true;
  }

  /** Catch-up is over: nothing at or below `floor` may follow; the held live events go out in order. */
  caughtUp(floor: number): void {
    this.floor = Math.max(this.floor, floor);
    this.catchingUp = false;
    const held = this.pending.sort((a, b) => a[0] - b[0]);
    this.pending = [];
    for (const [seq, n] of held) if (this.send(seq, n)) this.onLive?.(n);
  }
}
