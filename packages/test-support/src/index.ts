export { probeTcp, TcpProxy } from './tcp-proxy.js';
export { mustHaveServices, useService } from './services.js';
export {
  adminUrl,
  createTestDatabase,
  mustHavePostgres,
  probePostgres,
  tryTestDatabase,
  type TestDatabase,
} from './postgres.js';
export { deleteKeys, REDIS_URL, testPrefix } from './redis.js';
