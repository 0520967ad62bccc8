import type { DomainEvent, EventBus } from '@livedrops/core';
import type { Redis } from 'ioredis';
import { SeenIds } from '../runtime/seen-ids.js';
import type { RedisConnection } from './redis-connection.js';

type Handler = (event: DomainEvent) => Promise<void>;

/**
 * Events to every instance over Redis pub/sub: one PUBLISH per relayed batch on a channel
 * under the key prefix, one subscriber connection per subscription. Pub/sub is fire and
 * forget: a subscriber that is disconnected (a Redis restart) misses what was published
 * meanwhile, and a handler that fails gets no second delivery. That is why instances do not
 * rely on it alone: it is a doorbell, and each instance reads what it missed from the
 * event log (runtime/live-tail.ts). Redeliveries are skipped by event id.
 */
export class RedisPubSubEventBus implements EventBus {
  private readonly channel: string;

  constructor(private readonly redis: RedisConnection) {
    this.channel = redis.key('events');
  }

  async publish(events: DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.redis.run((c) => c.publish(this.channel, JSON.stringify(events)));
  }

  async subscribe(handler: Handler): Promise<() => Promise<void>> {
    const sub: Redis = this.redis.subscriber();
    const seen = new SeenIds();
    let chain = Promise.resolve();
    sub.on('message', (_channel: string, text: string) => {
      chain = chain.then(async () => {
        for (const event of JSON.parse(text) as DomainEvent[]) {
          if (seen.has(event.id)) continue;
          seen.add(event.id);
          await handler(event).catch(() => undefined);
        }
      });
    });
    await sub.connect().catch(() => undefined); // down now: ioredis retries, and resubscribes on reconnect
    await sub.subscribe(this.channel).catch(() => undefined);
    return async () => {
      sub.disconnect();
      await chain;
    };
  }
}
