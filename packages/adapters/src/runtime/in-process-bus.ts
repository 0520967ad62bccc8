import type { DomainEvent, EventBus } from '@livedrops/core';

type Handler = (event: DomainEvent) => Promise<void>;

/**
 * The embedded profile's event bus. `publish` resolves only once every subscriber has
 * handled every event, in order: that is what "the bus accepted them" means here, so the
 * relay marks rows published only after their fan-out is durable. A handler that throws
 * fails the publish, and the relay delivers the rows again later (consumers dedupe).
 */
export class InProcessEventBus implements EventBus {
  private handlers: Handler[] = [];

  async publish(events: DomainEvent[]): Promise<void> {
    for (const event of events) for (const handler of this.handlers) await handler(event);
  }

  async subscribe(handler: Handler): Promise<() => Promise<void>> {
    this.handlers.push(handler);
    return async () => {
      this.handlers = this.handlers.filter((h) => h !== handler);
    };
  }
}
