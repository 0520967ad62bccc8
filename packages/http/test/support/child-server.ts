import { loadConfig } from '@livedrops/adapters';
import { createLogger, installSignalHandlers, startServer } from '../../src/index.js';

// Run as a child process by signals.spec: serves, prints its URL, and exits on SIGTERM.
const config = loadConfig({
  PORT: '0',
  HOST: '127.0.0.1',
  DATABASE_URL: process.argv[2] ?? 'memory:',
  LOG_LEVEL: 'silent',
});
const handle = await startServer(config, { logger: createLogger('silent') });
installSignalHandlers(handle);
process.stdout.write(`${handle.url}\n`);
