import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { UnavailableError, type DomainEvent, type EventBus } from '@livedrops/core';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import { SeenIds } from '../runtime/seen-ids.js';
import type { AmqpConnection } from './amqp-connection.js';

export interface RabbitBusOptions {
  /** Names this process's queues: `<exchange>.live.<instanceId>.<n>`. */
  instanceId: string;
  /** Unacked deliveries a consumer holds at once. */
  prefetch: number;
  /** A queue nobody consumes from is deleted by the broker after this long (the instance is gone). */
  queueExpiresMs: number;
  /** A publish whose confirms have not all arrived by then fails (the relay retries). */
  confirmTimeoutMs: number;
}

export const DEFAULT_RABBIT_BUS: Omit<RabbitBusOptions, 'instanceId'> = {
  prefetch: 256,
  queueExpiresMs: 60_000,
  confirmTimeoutMs: 10_000,
};

type Handler = (event: DomainEvent) => Promise<void>;

const RETRIES_IN_PLACE = 4;
const EVENTS_PER_MESSAGE = 200;

/** Acks and nacks on a channel that has closed throw; the broker has requeued those messages already. */
function settle(fn: () => void): void {
  try {
    fn();
  } catch {
    /* channel closed */
  }
}

/**
 * Domain events through RabbitMQ. Publishing: persistent messages, each a JSON array of
 * up to 200 events in outbox order, to a durable topic exchange on a confirm channel, the
 * whole batch in flight at once, resolving only when the broker has confirmed every message (the relay marks rows
 * published only then). Subscribing: each subscriber (one per instance) gets its own
 * durable quorum queue bound to every event, so every instance hears every event; the
 * queue survives broker restarts and reconnects, and the broker deletes it once its
 * instance has been gone for `queueExpiresMs`. Manual acks after the handler, prefetch,
 * deliveries handled one at a time in queue order, redeliveries skipped by event id.
 */
export class RabbitMqEventBus implements EventBus {
  private subscriptions = 0;

  constructor(
    private readonly conn: AmqpConnection,
    private readonly opts: RabbitBusOptions,
  ) {}

  private get exchange(): string {
    return this.conn.opts.exchange;
  }

  async publish(events: DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    const ch = this.conn.channel();
    const confirms: Array<Promise<void>> = [];
    // Many events to a message: the broker's work (and its quorum queues' log) is per message.
    for (let i = 0; i < events.length; i += EVENTS_PER_MESSAGE) {
      const chunk = events.slice(i, i + EVENTS_PER_MESSAGE);
      let flowing = true;
      confirms.push(
        new Promise<void>((resolve, reject) => {
          flowing = ch.publish(
            this.exchange,
            'events',
            Buffer.from(JSON.stringify(chunk)),
            {
              persistent: true,
              messageId: chunk[0]!.id,
              contentType: 'application/json',
              timestamp: Math.floor(chunk[0]!.createdAt / 1000),
            },
            (err: unknown) => (err ? reject(err) : resolve()),
          );
        }),
      );
      if (!flowing) await once(ch, 'drain'); // the socket is full: wait rather than buffer without bound
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('publisher confirms timed out')), this.opts.confirmTimeoutMs);
    });
    try {
      await Promise.race([Promise.all(confirms), timeout]);
    } catch (err) {
      throw new UnavailableError('amqp', { cause: err });
    } finally {
      clearTimeout(timer);
    }
  }

  async subscribe(handler: Handler): Promise<() => Promise<void>> {
    const queue = `${this.exchange}.live.${this.opts.instanceId}.${++this.subscriptions}`;
    const seen = new SeenIds();
    let current: { ch: Channel; tag: string } | undefined;
    let chain = Promise.resolve();
    const deliver = (ch: Channel, msg: ConsumeMessage) => {
      chain = chain.then(async () => {
        const body = JSON.parse(msg.content.toString()) as DomainEvent | DomainEvent[];
        const events = Array.isArray(body) ? body : [body];
        // A failing handler is tried again in place, so later events wait and order holds;
        // after a few tries the message goes back to the queue (behind the others).
        for (let attempt = 0; ; attempt++) {
          try {
            for (const event of events) {
              if (!seen.has(event.id)) await handler(event);
              seen.add(event.id);
            }
            return settle(() => ch.ack(msg));
          } catch {
            if (attempt >= RETRIES_IN_PLACE || current?.ch !== ch) return settle(() => ch.nack(msg, false, true));
            await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
          }
        }
      });
    };
    const setup = async (model: ChannelModel): Promise<void> => {
      const ch = await model.createChannel();
      ch.on('error', () => undefined);
      await ch.assertQueue(queue, {
        durable: true,
        arguments: { 'x-queue-type': 'quorum', 'x-expires': this.opts.queueExpiresMs },
      });
      await ch.bindQueue(queue, this.exchange, '#');
      await ch.prefetch(this.opts.prefetch);
      const { consumerTag } = await ch.consume(queue, (msg) => {
        if (msg) return deliver(ch, msg);
        // Cancelled by the broker (its queue went away): close this channel and set up again.
        void ch.close().catch(() => undefined);
        setTimeout(() => void this.conn.register(setup).catch(() => undefined), 500).unref();
      });
      current = { ch, tag: consumerTag };
    };
    await this.conn.register(setup);
    return async () => {
      this.conn.unregister(setup);
      const c = current;
      current = undefined;
      if (!c) return;
      await c.ch.cancel(c.tag).catch(() => undefined);
      await chain;
      await c.ch.deleteQueue(queue).catch(() => undefined);
      await c.ch.close().catch(() => undefined);
    };
  }
}

/** A fresh id for this process's queues. */
export function newInstanceId(): string {
  return randomBytes(6).toString('hex');
}
