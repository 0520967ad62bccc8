import { readFileSync } from 'node:fs';
import { TOKENS, type EventBus } from '@livedrops/core';
import { ContainerModule } from 'inversify';
import { EVENTS_EXCHANGE } from '../infrastructure.js';
import { AmqpConnection } from '../rabbitmq/amqp-connection.js';
import { CompositeEventBus } from '../rabbitmq/composite-event-bus.js';
import { DEFAULT_RABBIT_BUS, newInstanceId, RabbitMqEventBus } from '../rabbitmq/rabbitmq-event-bus.js';
import { closeAfterLoops, guarded, type Lifecycle } from './lifecycle.js';
import { ADAPTER_TOKENS, type Probe } from './tokens.js';

export interface RabbitMqModuleSettings {
  url: string;
  /** The durable topic exchange; deployments sharing a broker need their own (or a vhost). */
  exchange?: string | undefined;
  caFile?: string | undefined;
}

/**
 * RabbitMQ as the event bus that reaches every instance and keeps events across restarts.
 * Load it after the Redis module: with Redis too, its pub/sub rings first (a composite bus).
 */
export function rabbitMqModule(settings: RabbitMqModuleSettings): ContainerModule {
  return new ContainerModule(({ bind, isBound, unbind }) => {
    const ca = settings.caFile ? readFileSync(settings.caFile) : undefined;
    const exchange = settings.exchange ?? EVENTS_EXCHANGE;
    bind<AmqpConnection>(ADAPTER_TOKENS.Amqp)
      .toResolvedValue(
        async (life: Lifecycle) => {
          const amqp = new AmqpConnection(settings.url, { exchange, ...(ca ? { ca } : {}) });
          await amqp.open();
          return guarded(amqp, life);
        },
        [ADAPTER_TOKENS.Lifecycle],
      )
      .onDeactivation(closeAfterLoops);
    if (isBound(TOKENS.EventBus)) unbind(TOKENS.EventBus);
    bind<EventBus>(TOKENS.EventBus).toResolvedValue(
      (amqp: AmqpConnection, doorbell: EventBus | undefined) => {
        const rabbit = new RabbitMqEventBus(amqp, { ...DEFAULT_RABBIT_BUS, instanceId: newInstanceId() });
        return doorbell ? new CompositeEventBus(rabbit, doorbell) : rabbit;
      },
      [ADAPTER_TOKENS.Amqp, { serviceIdentifier: ADAPTER_TOKENS.RedisBus, optional: true }],
    );
    bind<Probe>(ADAPTER_TOKENS.Probe).toResolvedValue(
      (amqp: AmqpConnection) => ({ name: 'amqp', probe: () => amqp.ping() }),
      [ADAPTER_TOKENS.Amqp],
    );
  });
}
