import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deleteAmqpExchange, loadConfig, RedisConnection } from '@livedrops/adapters';
import { createLogger, startServer, type ServerHandle, type ServerOptions } from '../../src/index.js';
import { Client } from './client.js';

export interface TestServer {
  url: string;
  handle: ServerHandle;
  client: Client;
  /** Every log line the server wrote, parsed. */
  logs: Array<Record<string, unknown>>;
  /** The raw log text, to prove secrets never reach it. */
  rawLogs: string[];
  close(): Promise<void>;
}

/**
 * A real server on 127.0.0.1, an ephemeral port and a fresh SQLite file (the embedded
 * profile), logging into memory. TEST_DATABASE_URL overrides the database (e.g. `memory:`);
 * TEST_REDIS_URL and TEST_AMQP_URL add the production profile's Redis and RabbitMQ (each
 * server under a Redis key prefix of its own).
 */
let servers = 0;

export async function startTestServer(
  options: ServerOptions & { env?: Record<string, string> } = {},
): Promise<TestServer> {
  const { env = {}, ...serverOptions } = options;
  const dir = mkdtempSync(join(tmpdir(), 'livedrops-http-'));
  const rawLogs: string[] = [];
  const logger = createLogger('info', { write: (line: string) => void rawLogs.push(line) });
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: process.env['TEST_DATABASE_URL'] ?? `sqlite:${join(dir, 'livedrops.db')}`,
    LOG_LEVEL: 'info',
    REDIS_URL: process.env['TEST_REDIS_URL'],
    REDIS_PREFIX: `ldtest:http:${process.pid}:${++servers}:`,
    AMQP_URL: process.env['TEST_AMQP_URL'],
    AMQP_EXCHANGE: `ldtest.http.${process.pid}.${servers}`,
    ...env,
  });
  const handle = await startServer(config, { logger, drainTimeoutMs: 5_000, ...serverOptions });
  return {
    url: handle.url,
    handle,
    client: new Client(handle.url),
    get logs() {
      return rawLogs.map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    rawLogs,
    async close() {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
      if (config.redisUrl) {
        const redis = new RedisConnection({ url: config.redisUrl, prefix: config.redisPrefix! });
        await redis.open();
        await redis.deletePrefixed().catch(() => undefined);
        await redis.close();
      }
      if (config.amqpUrl) await deleteAmqpExchange(config.amqpUrl, config.amqpExchange!).catch(() => undefined);
    },
  };
}

let counter = 0;
/** A handle unique across the run, within the 3-32 `[a-z0-9_]` rule. */
export function uniqueHandle(prefix: string): string {
  counter += 1;
  return `${prefix.slice(0, 12)}_${counter}_${Math.random().toString(36).slice(2, 8)}`;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
export const isoIn = (ms: number): string => new Date(Date.now() + ms).toISOString();
