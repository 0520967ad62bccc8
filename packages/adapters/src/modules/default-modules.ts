import type { ContainerModule } from 'inversify';
import { ConfigError, type Config } from '../config.js';
import { coreModule } from './core-module.js';
import { memoryModule, postgresModule, sqliteModule } from './engine-modules.js';
import type { ContainerOptions } from './options.js';
import { rabbitMqModule } from './rabbitmq-module.js';
import { redisModule } from './redis-module.js';
import { runtimeModule } from './runtime-module.js';
import { systemModule } from './system-module.js';

export const isPostgresUrl = (url: string): boolean => url.startsWith('postgres://') || url.startsWith('postgresql://');

/** The storage engine module `DATABASE_URL` names. */
export function engineModuleFor(config: Config, options: ContainerOptions = {}): ContainerModule {
  const url = config.databaseUrl;
  if (url === 'memory:') return memoryModule(options);
  if (url.startsWith('sqlite:')) return sqliteModule(url.slice('sqlite:'.length), options);
  if (isPostgresUrl(url)) return postgresModule(url, options);
  throw new ConfigError('DATABASE_URL', `"${url}" names no supported engine`);
}

/**
 * The modules a configuration names, in load order: later modules rebind what earlier ones
 * bound (Redis replaces the in-process cache and limiter; RabbitMQ joins Redis's bus).
 */
export function defaultModules(config: Config, options: ContainerOptions = {}): ContainerModule[] {
  return [
    coreModule(options),
    runtimeModule(options),
    systemModule(options, isPostgresUrl(config.databaseUrl)),
    engineModuleFor(config, options),
    ...(config.redisUrl
      ? [redisModule({ url: config.redisUrl, prefix: config.redisPrefix, caFile: config.redisCaFile }, options)]
      : []),
    ...(config.amqpUrl
      ? [rabbitMqModule({ url: config.amqpUrl, exchange: config.amqpExchange, caFile: config.amqpCaFile })]
      : []),
  ];
}
