/**
 * Example: the whole HTTP server over the embedder's own container. Here the read cache is
 * replaced by one that caches nothing, a port that is not storage: any token rebinds alike.
 */
import { createContainer, loadConfig } from '@livedrops/adapters';
import { NO_CACHE, TOKENS } from '@livedrops/core';
import { createLogger, startServer, type ServerHandle } from '@livedrops/http';

export async function serveWithoutCache(): Promise<ServerHandle> {
  const config = loadConfig({ DATABASE_URL: 'memory:', PORT: '0', HOST: '127.0.0.1' });
  const container = await createContainer(config, {
    overrides: (c) => void c.rebind(TOKENS.ReadCache).toConstantValue(NO_CACHE),
  });
  // The server starts the container's loops, and unbinds it (closing its connections) on close.
  return startServer(config, { container, logger: createLogger('silent') });
}
