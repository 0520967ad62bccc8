export { createApp, apiRoutes, API_VERSION, type AppDeps } from './app.js';
export { startServer, installSignalHandlers, type ServerHandle, type ServerOptions } from './server.js';
export { createMetrics, type Metrics } from './metrics.js';
export { createLogger, defaultLogFormat, type LogFormat } from './logger.js';
export { formatRecord, prettyDestination } from './log-pretty.js';
export { SLOW_REQUEST_MS, type RequestLog } from './middleware/request-context.js';
export { buildOpenApi } from './openapi.js';
export { ERROR_MAP } from './errors/error-map.js';
export { encodeCursor, decodeCursor } from './cursor.js';
