import type { Clock, EventBus, OutboxRelayStore } from '@livedrops/core';

export interface RelayOptions {
  batchSize: number;
  /** Reports the outbox lag (ms): the age of the oldest unpublished event at each pass. */
  onLag?: ((ms: number) => void) | undefined;
}

/**
 * One pass of the transactional outbox relay: publish pending rows in seq order, then
 * mark them. At least once: a crash (or a failed publish or mark) between the two means
 * the rows go out again on the next pass or after a restart, and consumers dedupe by id
 * and position. Nothing committed is lost, since the rows wait in the table until marked.
 * Run it from a BackgroundLoop (poll + nudge after commits).
 */
export class OutboxRelay {
  constructor(
    private readonly store: OutboxRelayStore,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly opts: RelayOptions,
  ) {}

  /** Publishes everything pending now; returns how many rows it published. */
  async pass(): Promise<number> {
    let published = 0;
    let first = true;
    const limit = this.opts.batchSize;
    for (;;) {
      const entries = await this.store.pending(limit);
      if (first) this.opts.onLag?.(entries.length ? Math.max(0, this.clock.now() - entries[0]!.event.createdAt) : 0);
      first = false;
      if (entries.length === 0) break;
      await this.bus.publish(entries.map((e) => ({ ...e.event, seq: e.seq })));
      // Only now: the bus has them (in-process: handled; a broker: confirmed).
      await this.store.markPublished(
        entries.map((e) => e.seq),
        this.clock.now(),
      );
      published += entries.length;
      if (entries.length < limit) break;
    }
    return published;
  }
}
