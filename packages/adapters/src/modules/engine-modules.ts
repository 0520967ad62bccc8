import type { ContainerModule } from 'inversify';
import { createMemoryAdapters } from '../memory/create-memory-adapters.js';
import { createPostgresAdapters } from '../postgres/create-postgres-adapters.js';
import { parsePostgresUrl } from '../postgres/pg-url.js';
import { createSqliteAdapters } from '../sqlite/create-sqlite-adapters.js';
import { engineModule } from './engine-ports.js';
import type { ContainerOptions } from './options.js';

/** The volatile engine (`DATABASE_URL=memory:`). */
export function memoryModule(options: ContainerOptions = {}): ContainerModule {
  return engineModule(async (clock) => createMemoryAdapters({ clock }), options);
}

/** SQLite in `filename` (or `:memory:`), migrated on open. */
export function sqliteModule(filename: string, options: ContainerOptions = {}): ContainerModule {
  return engineModule((clock, instrumentation) => createSqliteAdapters({ filename, clock, instrumentation }), options);
}

/** PostgreSQL at `url` (`postgres://…`), migrated on open. */
export function postgresModule(url: string, options: ContainerOptions = {}): ContainerModule {
  return engineModule(
    (clock, instrumentation) => createPostgresAdapters({ ...parsePostgresUrl(url), clock, instrumentation }),
    options,
  );
}
