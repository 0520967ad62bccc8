import { accessSync, constants } from 'node:fs';
import { ConfigError } from './config-error.js';
import { loadLimits, type Limits } from './limits-config.js';

/** Runtime configuration, from the environment and/or `serve` flags (api.md, Configuration). */
export interface Config {
  port: number;
  host: string;
  /** `sqlite:<path>`, `sqlite::memory:`, `postgres://…`, or `memory:` (volatile, for tests). */
  databaseUrl: string;
  redisUrl?: string | undefined;
  /** Every Redis key starts with it (REDIS_PREFIX; default `livedrops:`), so deployments (or test runs) can share a server. */
  redisPrefix?: string | undefined;
  amqpUrl?: string | undefined;
  /** The domain events' exchange (AMQP_EXCHANGE; default `livedrops.events`). One deployment per exchange (or vhost). */
  amqpExchange?: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** GraphQL introspection and the served SDL (GRAPHQL_INTROSPECTION; default true). */
  graphqlIntrospection?: boolean | undefined;
  /** LOG_FORMAT: `json` lines, or `pretty` single lines for people; unset: pretty on a terminal, else json. */
  logFormat?: 'json' | 'pretty' | undefined;
  /** PEM file of the CA that signed Redis's certificate (REDIS_CA_FILE; with rediss://). */
  redisCaFile?: string | undefined;
  /** PEM file of the CA that signed RabbitMQ's certificate (AMQP_CA_FILE; with amqps://). */
  amqpCaFile?: string | undefined;
  /** Abuse limits and exposure settings (limits-config.ts); defaults when absent. */
  limits?: Limits | undefined;
  /** MEDIA_BASE_URL: where product JSON points image URLs (a CDN); unset: this server's `/media/`. */
  mediaBaseUrl?: string | undefined;
}

export { ConfigError } from './config-error.js';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A CA file setting: readable, and only beside a TLS URL (a CA for a plain connection would silently do nothing). */
function caFile(
  env: Record<string, string | undefined>,
  name: string,
  url: string | undefined,
  scheme: string,
): string | undefined {
  const file = env[name] || undefined;
  if (!file) return undefined;
  if (!url?.startsWith(scheme)) throw new ConfigError(name, `needs a ${scheme} URL`);
  try {
    accessSync(file, constants.R_OK);
  } catch {
    throw new ConfigError(name, `"${file}" is not a readable file`);
  }
  return file;
}

/** Reads and validates settings; the first invalid one throws a ConfigError naming it. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const portText = env.PORT ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535)
    throw new ConfigError('PORT', `"${portText}" is not a port number (0-65535)`);
  const host = env.HOST ?? '127.0.0.1';
  if (!host.trim()) throw new ConfigError('HOST', 'must not be empty');
  const databaseUrl = env.DATABASE_URL ?? 'sqlite:./livedrops.db';
  if (!/^(sqlite:.+|postgres(ql)?:\/\/.+|memory:)$/.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', `"${databaseUrl}" is not sqlite:<path>, sqlite::memory: or postgres://…`);
  }
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\/.+/.test(redisUrl))
    throw new ConfigError('REDIS_URL', `"${redisUrl}" is not redis://…`);
  const redisPrefix = env.REDIS_PREFIX || undefined;
  if (redisPrefix && !/^[\x21-\x7e]{1,64}$/.test(redisPrefix))
    throw new ConfigError('REDIS_PREFIX', 'must be 1-64 printable characters without spaces');
  const amqpUrl = env.AMQP_URL || undefined;
  if (amqpUrl && !/^amqps?:\/\/.+/.test(amqpUrl)) throw new ConfigError('AMQP_URL', `"${amqpUrl}" is not amqp://…`);
  const amqpExchange = env.AMQP_EXCHANGE || undefined;
  if (amqpExchange && !/^[A-Za-z0-9_.:-]{1,200}$/.test(amqpExchange))
    throw new ConfigError('AMQP_EXCHANGE', 'must be 1-200 of letters, digits, _ . : -');
  const logLevel = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!LEVELS.includes(logLevel))
    throw new ConfigError('LOG_LEVEL', `"${env.LOG_LEVEL}" is not one of ${LEVELS.join(', ')}`);
  const introspection = env.GRAPHQL_INTROSPECTION || undefined;
  if (introspection && introspection !== 'true' && introspection !== 'false') {
    throw new ConfigError('GRAPHQL_INTROSPECTION', `"${introspection}" is not true or false`);
  }
  const graphqlIntrospection = introspection !== 'false';
  const logFormat = (env.LOG_FORMAT || undefined) as Config['logFormat'];
  if (logFormat !== undefined && logFormat !== 'json' && logFormat !== 'pretty') {
    throw new ConfigError('LOG_FORMAT', `"${logFormat}" is not json or pretty`);
  }
  const limits = loadLimits(env);
  const redisCaFile = caFile(env, 'REDIS_CA_FILE', redisUrl, 'rediss://');
  const amqpCaFile = caFile(env, 'AMQP_CA_FILE', amqpUrl, 'amqps://');
  const mediaBaseUrl = (env.MEDIA_BASE_URL || undefined)?.replace(/\/+$/, '');
  if (mediaBaseUrl !== undefined && !/^https?:\/\/[^\s/]+(\/\S*)?$/.test(mediaBaseUrl)) {
    throw new ConfigError('MEDIA_BASE_URL', `"${env.MEDIA_BASE_URL}" is not an http(s) URL`);
  }
  return {
    ...(mediaBaseUrl ? { mediaBaseUrl } : {}),
    port,
    host,
    databaseUrl,
    redisUrl,
    amqpUrl,
    logLevel,
    graphqlIntrospection,
    limits,
    redisCaFile,
    amqpCaFile,
    ...(logFormat ? { logFormat } : {}),
    ...(redisPrefix ? { redisPrefix } : {}),
    ...(amqpExchange ? { amqpExchange } : {}),
  };
}
