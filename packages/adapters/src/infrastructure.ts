import type { EventLog } from '@livedrops/core';
import type { Knex } from 'knex';
import type { DataAdapters } from './data-ports.js';
import { KnexEventLog } from './knex/knex-event-log.js';
import { MemoryEventLog } from './memory/memory-event-log.js';
import type { MemoryStore } from './memory/memory-store.js';

export const DEFAULT_REDIS_PREFIX = 'livedrops:';
/** The durable topic exchange of domain events; deployments sharing a broker need their own (or their own vhost). */
export const EVENTS_EXCHANGE = 'livedrops.events';

/** The event log a LiveTail reads: the engine's outbox (memory, or SQL through the engine's knex). */
export function eventLogOf(data: DataAdapters): EventLog {
  const d = data as DataAdapters & { store?: MemoryStore; knex?: Knex };
  if (d.store) return new MemoryEventLog(d.store);
  if (d.knex) return new KnexEventLog(d.knex);
  throw new Error('this storage engine has no event log');
}
