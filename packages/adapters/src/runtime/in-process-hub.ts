import type { LiveDelivery, LiveHub, LiveSubscription, Notification } from '@livedrops/core';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

type Listener = (seq: number, notification: Notification) => void;

// Listeners called per turn of the event loop: 10,000 streams written in one go would
// stall every request (orders included) for tens of milliseconds.
const CHUNK = 256;

/**
 * The in-process live hub: user id → the listeners of that user's open streams here.
 * Deliveries arrive one at a time in outbox order (the consumer awaits each), so each
 * stream sees events in that order. The watermark moves in the same synchronous step
 * that snapshots the recipients, so a stream subscribing mid-publish is either in the
 * snapshot or catches the event up from the feed, never both, never neither; one that
 * subscribes while recipients are being chosen waits for the publish to learn its
 * watermark, for the same reason.
 */
export class InProcessHub implements LiveHub {
  private readonly byUser = new Map<string, Set<Listener>>();
  private mark = 0;
  private open = 0;
  /** Subscribers waiting for the delivery being prepared to be published. */
  private preparing: Array<(mark: number) => void> | null = null;

  watermark(): number {
    return this.mark;
  }

  advanceTo(seq: number): void {
    if (seq > this.mark) this.mark = seq;
  }

  begin(_seq: number): void {
    this.preparing ??= [];
  }

  abandon(): void {
    this.settle();
  }

  private settle(): void {
    const waiting = this.preparing;
    this.preparing = null;
    const mark = this.mark;
    for (const resolve of waiting ?? []) resolve(mark);
  }

  isConnected(userId: string): boolean {
    return this.byUser.has(userId);
  }

  connectedUserIds(): string[] {
    return [...this.byUser.keys()];
  }

  streamCount(userId: string): number {
    return this.byUser.get(userId)?.size ?? 0;
  }

  size(): number {
    return this.open;
  }

  subscribe(userId: string, listener: Listener): LiveSubscription {
    let set = this.byUser.get(userId);
    if (!set) this.byUser.set(userId, (set = new Set()));
    set.add(listener);
    this.open++;
    let closed = false;
    const waiting = this.preparing;
    return {
      watermark: waiting ? new Promise<number>((resolve) => waiting.push(resolve)) : Promise.resolve(this.mark),
      close: () => {
        if (closed) return;
        closed = true;
        this.open--;
        set.delete(listener);
        if (set.size === 0 && this.byUser.get(userId) === set) this.byUser.delete(userId);
      },
    };
  }

  async publish(d: LiveDelivery): Promise<void> {
    this.advanceTo(d.seq);
    const targets: Listener[] = [];
    for (const userId of d.userIds) for (const l of this.byUser.get(userId) ?? []) targets.push(l);
    this.settle(); // same synchronous step: a later subscriber is not a target and catches this up
    for (let i = 0; i < targets.length; i++) {
      if (i > 0 && i % CHUNK === 0) await yieldToEventLoop();
      try {
        targets[i]!(d.seq, d.notification);
      } catch {
        // One broken stream must not keep the event from the others; it cleans itself up.
      }
    }
  }
}
