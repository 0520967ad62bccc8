import type { Command } from 'commander';

/** Every variable of the configuration table, also as a flag; flags win over the environment. */
export const FLAGS = [
  ['--port <port>', 'PORT', 'listen port (default 3000)'],
  ['--host <host>', 'HOST', 'listen address (default 127.0.0.1)'],
  [
    '--database-url <url>',
    'DATABASE_URL',
    'sqlite:<path>, sqlite::memory: or postgres://… (default sqlite:./livedrops.db)',
  ],
  ['--redis-url <url>', 'REDIS_URL', 'Redis for cache, stock gate, locks and cross-instance streams'],
  ['--amqp-url <url>', 'AMQP_URL', 'RabbitMQ for domain events'],
  ['--redis-ca-file <pem>', 'REDIS_CA_FILE', "CA of the rediss:// server's certificate (default: system CAs)"],
  ['--amqp-ca-file <pem>', 'AMQP_CA_FILE', "CA of the amqps:// broker's certificate (default: system CAs)"],
  ['--log-level <level>', 'LOG_LEVEL', 'fatal, error, warn, info, debug, trace or silent (default info)'],
  ['--log-format <format>', 'LOG_FORMAT', 'json or pretty (default: pretty on a terminal, else json)'],
  [
    '--media-base-url <url>',
    'MEDIA_BASE_URL',
    "image URLs in product JSON start with it (a CDN); default this server's /media/",
  ],
  [
    '--graphql-introspection <bool>',
    'GRAPHQL_INTROSPECTION',
    'GraphQL introspection and /graphql/schema.graphql: true or false (default true)',
  ],
  ['--register-limit <n>', 'REGISTER_LIMIT', 'registrations per client address per hour (default 30)'],
  ['--login-failure-limit <n>', 'LOGIN_FAILURE_LIMIT', 'failed logins per client address per 15 min (default 50)'],
  ['--streams-per-user <n>', 'STREAMS_PER_USER', 'open notification streams per user (default 5)'],
  ['--streams-per-instance <n>', 'STREAMS_PER_INSTANCE', 'open notification streams per instance (default 20000)'],
  ['--order-keys-per-minute <n>', 'ORDER_KEYS_PER_MINUTE', 'orders per user per drop per minute (default 600)'],
  ['--request-timeout-ms <ms>', 'REQUEST_TIMEOUT_MS', 'time a client has to send its headers and body (default 10000)'],
  ['--cors-origins <list>', 'CORS_ORIGINS', 'comma-separated origins allowed by CORS (default none)'],
  ['--metrics-token <token>', 'METRICS_TOKEN', '/metrics requires Authorization: Bearer <token> (default open)'],
  ['--cursor-secret <secret>', 'CURSOR_SECRET', 'signs cursors (default: generated, kept in the database)'],
  ['--trust-proxy <0|1>', 'TRUST_PROXY', 'client address from the first X-Forwarded-For hop (default 0)'],
] as const;

/** `--log-level` for LOG_LEVEL: the flag of a setting, as the person would type it. */
export const flagOf = (setting: string): string | undefined =>
  FLAGS.find(([, env]) => env === setting)?.[0].split(' ')[0];

// This module stays free of the server's dependencies (knex, koa, SQLite): the client commands
// register beside serve/migrate/seed, and a `livedrops whoami` should start in tens of ms.
export function withConfigFlags(cmd: Command, only?: readonly string[]): Command {
  for (const [flag, env, help] of FLAGS) if (!only || only.includes(env)) cmd.option(flag, `${help} [env ${env}]`);
  return cmd;
}
