import type { DomainEvent, EventBus, FanOut } from '@livedrops/core';

/**
 * An event as it travels between instances: with the users whose inboxes got it (for a
 * `write`-mode event, at most the celebrity threshold of them), so each instance picks its
 * connected recipients in memory instead of asking the follow graph again.
 */
export type FannedEvent = DomainEvent & { inboxes?: string[] };

/**
 * The relay's bus when events leave the process (RabbitMQ, Redis): each event's durable
 * fan-out (inbox rows) is done here, in outbox order, before the batch is published. So
 * an event on the broker, and an outbox row marked published, always has its inbox rows,
 * which is what lets any instance push it to its streams at once, and what a stream
 * resuming from the feed relies on. Each event is fanned out once: by the instance whose
 * relay claimed it (again only when that relay failed before marking it; inbox writes are
 * idempotent).
 */
export class FanningOutBus implements EventBus {
  constructor(
    private readonly inner: EventBus,
    private readonly fanOut: Pick<FanOut, 'deliver'>,
  ) {}

  async publish(events: DomainEvent[]): Promise<void> {
    const fanned: FannedEvent[] = [];
    for (const e of events) {
      if (e.seq === undefined) throw new Error(`event ${e.id} reached the relay without its outbox position`);
      const inboxes = await this.fanOut.deliver({ ...e, seq: e.seq });
      fanned.push(inboxes ? { ...e, inboxes } : e);
    }
    await this.inner.publish(fanned);
  }

  subscribe(handler: (event: DomainEvent) => Promise<void>): Promise<() => Promise<void>> {
    return this.inner.subscribe(handler);
  }
}
