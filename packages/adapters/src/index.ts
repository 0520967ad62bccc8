export * from './config.js';
export * from './limits-config.js';
export * from './data-ports.js';
export * from './container.js';
export { NO_INSTRUMENTATION, type Instrumentation } from './instrumentation.js';
export { createMemoryAdapters } from './memory/create-memory-adapters.js';
export { MemoryStore } from './memory/memory-store.js';
export { SystemClock, FakeClock } from './system/clocks.js';
export { UuidV7 } from './system/uuid-v7.js';
export { ScryptHasher, RandomTokens } from './system/credentials.js';
export { MemoryRateLimiter } from './memory/memory-rate-limiter.js';
export { MemoryIdempotencyLock } from './memory/memory-lock.js';
export { createSqliteAdapters, migrateSqlite } from './sqlite/create-sqlite-adapters.js';
export {
  NotificationRuntime,
  DEFAULT_RUNTIME_TUNING,
  type RuntimeTuning,
  type RuntimeObserver,
} from './runtime/notification-runtime.js';
export { InProcessHub } from './runtime/in-process-hub.js';
export { InProcessEventBus } from './runtime/in-process-bus.js';
export { createPostgresAdapters, migratePostgres } from './postgres/create-postgres-adapters.js';
export { RedisConnection } from './redis/redis-connection.js';
export { DEFAULT_REDIS_PREFIX, EVENTS_EXCHANGE } from './infrastructure.js';
export { coreModule, withInventory } from './modules/core-module.js';
export { runtimeModule } from './modules/runtime-module.js';
export { systemModule } from './modules/system-module.js';
export { memoryModule, sqliteModule, postgresModule } from './modules/engine-modules.js';
export { ENGINE_INVENTORY } from './modules/engine-ports.js';
export { redisModule, type RedisModuleSettings } from './modules/redis-module.js';
export { rabbitMqModule, type RabbitMqModuleSettings } from './modules/rabbitmq-module.js';
export { defaultModules, engineModuleFor } from './modules/default-modules.js';
export { Lifecycle } from './modules/lifecycle.js';
export { deleteAmqpExchange } from './rabbitmq/amqp-connection.js';
export { SessionCache } from './cache/session-cache.js';
export { SharpImageProcessor } from './media/sharp-image-processor.js';
export { DirectoryBlobStore } from './media/directory-blob-store.js';
export { MemoryBlobStore } from './media/memory-blob-store.js';
export { PgBlobStore } from './postgres/pg-blob-store.js';
export { CheckoutRuntime, DEFAULT_CHECKOUT_TUNING, type CheckoutTuning } from './runtime/checkout-runtime.js';
export { SandboxGateway, DEFAULT_SANDBOX, TEST_METHODS, type SandboxOptions } from './payments/sandbox-gateway.js';
export { MemorySandboxLedger, type SandboxLedger } from './payments/sandbox-ledger.js';
export { Container, ContainerModule } from 'inversify';
export {
  FairAccessRuntime,
  FAIR_ACCESS_TOKENS,
  DEFAULT_FAIR_ACCESS_TUNING,
  type FairAccessTuning,
} from './runtime/fair-access-runtime.js';
export { NodeFairnessCrypto } from './system/fairness-crypto.js';
