import {
  toNotification,
  type DomainEvent,
  type EventLog,
  type FanOut,
  type LiveHub,
  type StoredEvent,
} from '@livedrops/core';
import { BackgroundLoop } from './background-loop.js';
import type { FannedEvent } from './fanning-out-bus.js';

export interface LiveTailOptions {
  /** Events read from the log per pass. */
  batch: number;
  /** The log is read at least this often, so an event whose doorbell was lost still goes out. */
  pollMs: number;
  /** A gap (an event heard above one not yet heard) is looked up in the log at most this often. */
  gapMs: number;
  /** Events held while waiting for a gap to fill; beyond it they are left to the log. */
  maxHeld: number;
  /** Inbox lists (user ids) held with them; beyond it an event is held without (its recipients are looked up). */
  maxHeldIds: number;
}

export const DEFAULT_LIVE_TAIL: LiveTailOptions = {
  batch: 256,
  pollMs: 250,
  gapMs: 20,
  maxHeld: 10_000,
  maxHeldIds: 1_000_000,
};

/**
 * One instance's live push when events come from a broker: every event, once, in outbox
 * order, to this instance's streams. Events heard on the bus (relayed by any instance,
 * in any order, perhaps twice, perhaps not at all) are held until the next position is
 * there; a gap, and every `pollMs` in any case, is filled from the event log, where an
 * event counts once it is published (its fan-out is durable: fanning-out-bus.ts) or
 * heard. The hub's watermark moves one event at a time, exactly as with the in-process
 * bus, so a stream's catch-up and its live events still meet without gap or overlap.
 */
export class LiveTail {
  private readonly heard = new Map<number, StoredEvent & FannedEvent>();
  private readonly loop: BackgroundLoop;
  private lastRead = 0;
  private heldIds = 0;
  private gapTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly log: EventLog,
    private readonly fanOut: Pick<FanOut, 'recipients'>,
    private readonly hub: LiveHub,
    private readonly opts: LiveTailOptions = DEFAULT_LIVE_TAIL,
    onError: (err: unknown) => void = () => undefined,
  ) {
    this.loop = new BackgroundLoop(() => this.step(), opts.pollMs, onError);
  }

  /** The bus handler: an event whose fan-out is durable, from whichever instance relayed it. */
  readonly hear = async (event: DomainEvent): Promise<void> => {
    const seq = event.seq;
    if (seq === undefined || seq <= this.hub.watermark() || this.heard.has(seq)) return;
    if (this.heard.size >= this.opts.maxHeld) return this.loop.nudge();
    const fanned = event as FannedEvent & { seq: number };
    const inboxes = fanned.inboxes;
    const keep = inboxes === undefined || this.heldIds + inboxes.length <= this.opts.maxHeldIds;
    if (keep) this.heldIds += inboxes?.length ?? 0;
    // Held as it came unless its list must go (its recipients then looked up): a start brings
    // ten thousand at once, and other consumers may hold the same object, so it is not changed.
    this.heard.set(seq, keep ? fanned : { ...fanned, inboxes: undefined });
    this.loop.nudge();
  };

  start(): void {
    this.loop.start(0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.gapTimer);
    await this.loop.stop();
  }

  private async step(): Promise<void> {
    await this.drainHeard();
    const now = Date.now();
    const due = now - this.lastRead >= this.opts.pollMs;
    if (!due && this.heard.size === 0) return;
    if (!due && now - this.lastRead < this.opts.gapMs) {
      this.gapTimer ??= setTimeout(() => {
        this.gapTimer = undefined;
        this.loop.nudge();
      }, this.opts.gapMs).unref();
      return;
    }
    this.lastRead = now;
    for (;;) {
      const rows = await this.log.after(this.hub.watermark(), this.opts.batch);
      let delivered = 0;
      for (const r of rows) {
        const event = this.heard.get(r.seq) ?? (r.published ? { ...r.event, seq: r.seq } : undefined);
        if (!event) break; // not relayed yet: it comes, heard or published, and the watermark waits for it
        await this.deliver(event);
        delivered++;
      }
      await this.drainHeard();
      if (delivered < this.opts.batch) break;
    }
    for (const seq of this.heard.keys()) if (seq <= this.hub.watermark()) this.forget(seq);
  }

  /** Delivers held events while the next position is among them. */
  private async drainHeard(): Promise<void> {
    for (let next = this.heard.get(this.hub.watermark() + 1); next; next = this.heard.get(this.hub.watermark() + 1)) {
      await this.deliver(next);
    }
  }

  private async deliver(e: StoredEvent & FannedEvent): Promise<void> {
    this.hub.begin(e.seq);
    let userIds: string[];
    try {
      userIds = await this.fanOut.recipients(e, this.hub, e.inboxes);
    } catch (err) {
      this.hub.abandon();
      throw err;
    }
    await this.hub.publish({ seq: e.seq, notification: toNotification(e), userIds });
    this.forget(e.seq);
  }

  private forget(seq: number): void {
    this.heldIds -= this.heard.get(seq)?.inboxes?.length ?? 0;
    this.heard.delete(seq);
  }
}
