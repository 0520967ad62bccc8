import {
  eventBusContract,
  type BusCapabilities,
  type BusUnderTest,
} from '../src/testing/contracts/event-bus.contract.js';
import { liveHubContract } from '../src/testing/contracts/live-hub.contract.js';
import { CompositeEventBus } from '../src/rabbitmq/composite-event-bus.js';
import { RedisPubSubEventBus } from '../src/redis/redis-event-bus.js';
import { InProcessEventBus } from '../src/runtime/in-process-bus.js';
import { InProcessHub } from '../src/runtime/in-process-hub.js';
import type { Named } from './infrastructure-harness.js';
import { rabbitSuites, rabbitUnderTest } from './services/rabbitmq-test.js';
import { redisSuites, redisUnderTest } from './services/redis-test.js';

// The event bus and the live hub have no storage engine behind them; their adapters are listed here.
// Each declares its capabilities beside it, so the contract registers only the tests that apply.
const buses: Array<Named<BusUnderTest> & { caps: BusCapabilities }> = [
  {
    name: 'in-process bus',
    caps: { synchronous: true },
    make: async () => ({ bus: new InProcessEventBus(), close: async () => undefined }),
  },
];
if (redisSuites) {
  buses.push({
    name: 'redis pub/sub bus',
    caps: { synchronous: false, second: true, cut: true }, // pub/sub: no redelivery, nothing kept while cut off
    async make() {
      const r = await redisUnderTest();
      const others: Array<Awaited<ReturnType<typeof redisUnderTest>>> = [];
      return {
        bus: new RedisPubSubEventBus(r.redis),
        second: async () => {
          const o = await redisUnderTest(r.prefix);
          others.push(o);
          return new RedisPubSubEventBus(o.redis);
        },
        cut: r.cut,
        close: async () => void (await Promise.all([r.close(), ...others.map((o) => o.close())])),
      };
    },
  });
}
if (rabbitSuites) {
  buses.push({
    name: 'rabbitmq bus',
    caps: { synchronous: false, redelivers: true, durable: true, second: true, cut: true },
    async make() {
      const r = await rabbitUnderTest();
      return { bus: r.bus, second: r.second, cut: r.cut, close: r.close };
    },
  });
}
if (rabbitSuites && redisSuites) {
  buses.push({
    name: 'rabbitmq bus with a redis doorbell',
    // A failed event comes again from RabbitMQ, but the doorbell has moved on: order is the tail's job then.
    caps: { synchronous: false },
    async make() {
      const [r, d] = await Promise.all([rabbitUnderTest(), redisUnderTest()]);
      return {
        bus: new CompositeEventBus(r.bus, new RedisPubSubEventBus(d.redis)),
        close: async () => void (await Promise.all([r.close(), d.close()])),
      };
    },
  });
}
const hubs = [
  { name: 'in-process hub', make: async () => ({ hub: new InProcessHub(), close: async () => undefined }) },
];

for (const a of buses) describe(a.name, () => eventBusContract(a));
for (const a of hubs) describe(a.name, () => liveHubContract(a.make));
