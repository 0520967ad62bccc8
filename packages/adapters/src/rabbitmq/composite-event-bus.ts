import type { DomainEvent, EventBus } from '@livedrops/core';
import { SeenIds } from '../runtime/seen-ids.js';

type Handler = (event: DomainEvent) => Promise<void>;

/**
 * The durable bus (RabbitMQ) with a fast doorbell beside it (Redis pub/sub), when both
 * are configured. A publish is accepted once the durable bus has confirmed it; the
 * doorbell is rung after, best effort. Subscribers hear an event from whichever arrives
 * first, once (by event id), so losing either one (a restart) costs no event and no delay.
 */
export class CompositeEventBus implements EventBus {
  constructor(
    private readonly durable: EventBus,
    private readonly doorbell: EventBus,
  ) {}

  async publish(events: DomainEvent[]): Promise<void> {
    await this.durable.publish(events);
    await this.doorbell.publish(events).catch(() => undefined);
  }

  async subscribe(handler: Handler): Promise<() => Promise<void>> {
    const seen = new SeenIds();
    // One at a time, so the same event arriving on both at once is handled once.
    let chain: Promise<unknown> = Promise.resolve();
    const once: Handler = (event) => {
      // The slower of the two buses brings what the faster already handled: nothing to queue.
      if (seen.has(event.id)) return Promise.resolve();
      const run = chain.then(async () => {
        if (seen.has(event.id)) return;
        await handler(event);
        seen.add(event.id);
      });
      chain = run.catch(() => undefined);
      return run;
    };
    const offs = await Promise.all([this.durable.subscribe(once), this.doorbell.subscribe(once)]);
    return async () => void (await Promise.all(offs.map((off) => off())));
  }
}
