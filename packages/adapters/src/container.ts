import { Container } from 'inversify';
import type { Clock } from '@livedrops/core';
import { ConfigError, type Config } from './config.js';
import type { DataAdapters } from './data-ports.js';
import type { Instrumentation } from './instrumentation.js';
import { createMemoryAdapters } from './memory/create-memory-adapters.js';
import { defaultModules, isPostgresUrl } from './modules/default-modules.js';
import type { ContainerOptions } from './modules/options.js';
import { ADAPTER_TOKENS } from './modules/tokens.js';
import { createPostgresAdapters, migratePostgres } from './postgres/create-postgres-adapters.js';
import { parsePostgresUrl } from './postgres/pg-url.js';
import { createSqliteAdapters, migrateSqlite } from './sqlite/create-sqlite-adapters.js';

export { ADAPTER_TOKENS, type Probe, type Readiness } from './modules/tokens.js';
export type { ContainerOptions } from './modules/options.js';

/** Opens the storage engine the configuration names (running its migrations), outside any container. */
export async function openData(config: Config, clock: Clock, instrumentation?: Instrumentation): Promise<DataAdapters> {
  const url = config.databaseUrl;
  if (url === 'memory:') return createMemoryAdapters({ clock });
  if (url.startsWith('sqlite:')) {
    return createSqliteAdapters({ filename: url.slice('sqlite:'.length), clock, instrumentation });
  }
  if (isPostgresUrl(url)) return createPostgresAdapters({ ...parsePostgresUrl(url), clock, instrumentation });
  throw new ConfigError('DATABASE_URL', `"${url}" names no supported engine`);
}

/** `livedrops migrate`: applies pending migrations; returns the names applied. */
export async function migrateDatabase(config: Config): Promise<string[]> {
  const url = config.databaseUrl;
  if (url === 'memory:') return [];
  if (url.startsWith('sqlite:')) return migrateSqlite(url.slice('sqlite:'.length));
  if (isPostgresUrl(url)) return migratePostgres(parsePostgresUrl(url).url);
  throw new ConfigError('DATABASE_URL', `"${url}" names no supported engine`);
}

/**
 * The composition root: loads the modules (`options.modules`, else those the configuration
 * names), lets `options.overrides` rebind any token, then opens the connections, so a
 * database or broker that cannot be reached fails here. Entry points `get` the use cases
 * and readiness; `unbindAllAsync()` stops the loops and closes every connection.
 */
export async function createContainer(config: Config, options: ContainerOptions = {}): Promise<Container> {
  const c = new Container({ defaultScope: 'Singleton' });
  c.bind(ADAPTER_TOKENS.Config).toConstantValue(config);
  await c.loadAsync(...(options.modules ?? defaultModules(config, options)));
  await options.overrides?.(c);
  try {
    // Connections open in async activation; once resolved, everything else resolves synchronously.
    for (const token of [ADAPTER_TOKENS.Data, ADAPTER_TOKENS.Redis, ADAPTER_TOKENS.Amqp]) {
      if (c.isBound(token)) await c.getAsync(token);
    }
  } catch (e) {
    await c.unbindAllAsync();
    throw e;
  }
  return c;
}
