import { randomBytes } from 'node:crypto';
import amqp from 'amqplib';
import { AmqpConnection } from '../../src/rabbitmq/amqp-connection.js';
import { DEFAULT_RABBIT_BUS, newInstanceId, RabbitMqEventBus } from '../../src/rabbitmq/rabbitmq-event-bus.js';
import { TcpProxy, useService } from '@livedrops/test-support';

export const AMQP_URL = process.env.TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const target = new URL(AMQP_URL);

/** Null when the broker accepts a connection; otherwise why not, in one line. */
export async function probeRabbit(): Promise<string | null> {
  try {
    const c = await amqp.connect(AMQP_URL, { timeout: 2_000 });
    await c.close();
    return null;
  } catch (e) {
    return (e as Error).message || String(e);
  }
}

const problem = await probeRabbit();
/** Whether the RabbitMQ suites run (see services.ts). */
export const rabbitSuites = useService('RabbitMQ', problem);

// Exchanges and queues of this run are named under one prefix and deleted after each test.
const RUN = `ldtest.${process.pid}-${randomBytes(3).toString('hex')}`;
let tests = 0;

export interface RabbitUnderTest {
  conn: AmqpConnection;
  bus: RabbitMqEventBus;
  /** Another instance: its own connection (not through the proxy) and queue names. */
  second(): Promise<RabbitMqEventBus>;
  cut(): Promise<{ heal(): Promise<void> }>;
  close(): Promise<void>;
}

/** A bus on a fresh exchange, through a proxy the test can cut; everything it declared is deleted at close. */
export async function rabbitUnderTest(options: Partial<typeof DEFAULT_RABBIT_BUS> = {}): Promise<RabbitUnderTest> {
  if (problem) throw new Error(`RabbitMQ is required under CI and not reachable: ${problem}`);
  const exchange = `${RUN}.${++tests}.events`;
  const proxy = await TcpProxy.to(Number(target.port || 5672), target.hostname);
  const url = new URL(AMQP_URL);
  url.port = String(proxy.port);
  const conns: AmqpConnection[] = [];
  const instances: string[] = [];
  const open = async (u: string) => {
    const conn = new AmqpConnection(u, { exchange, minBackoffMs: 20, maxBackoffMs: 200 });
    conns.push(conn);
    await conn.open();
    const instanceId = newInstanceId();
    instances.push(instanceId);
    return { conn, bus: new RabbitMqEventBus(conn, { ...DEFAULT_RABBIT_BUS, ...options, instanceId }) };
  };
  const first = await open(url.toString());
  return {
    ...first,
    second: async () => (await open(AMQP_URL)).bus,
    async cut() {
      await proxy.cut();
      return {
        async heal() {
          await proxy.restore();
          await first.conn.ready();
        },
      };
    },
    async close() {
      for (const c of conns) await c.close();
      await proxy.close();
      const admin = await amqp.connect(AMQP_URL);
      const ch = await admin.createChannel();
      ch.on('error', () => undefined);
      for (const id of instances)
        for (let n = 1; n <= 5; n++) await ch.deleteQueue(`${exchange}.live.${id}.${n}`).catch(() => undefined);
      await ch.deleteExchange(exchange).catch(() => undefined);
      await admin.close().catch(() => undefined);
    },
  };
}
