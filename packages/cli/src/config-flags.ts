import type { Command } from 'commander';

/** Every variable of the configuration table, also as a flag; flags win over the environment. */
export const FLAGS = [
  ['--port <port>', 'PORT', 'listen port (default 3000)'],
  ['--host <host>', 'HOST', 'listen address (default 127.0.0.1)'],
  ['--database-url <url>', 'DATABASE_URL', 'sqlite:<path>, sqlite::memory: or postgres://… (default sqlite:./livedrops.db)'],
  ['--redis-url <url>', 'REDIS_URL', 'Redis for cache, stock gate, locks and cross-instance streams'],
  ['--amqp-url <url>', 'AMQP_URL', 'RabbitMQ for domain events'],
  ['--log-level <level>', 'LOG_LEVEL', 'fatal, error, warn, info, debug, trace or silent (default info)'],
  ['--log-format <format>', 'LOG_FORMAT', 'json or pretty (default: pretty on a terminal, else json)'],
  ['--media-base-url <url>', 'MEDIA_BASE_URL', 'image URLs in product JSON start with it (a CDN); default this server\'s /media/'],
  ['--graphql-introspection <bool>', 'GRAPHQL_INTROSPECTION', 'GraphQL introspection and /graphql/schema.graphql: true or false (default true)'],
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
