import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type ContainerOptions } from '@livedrops/adapters';
import { createLogger, startServer } from '@livedrops/http';

export interface TestServer {
  url: string;
  databaseUrl: string;
  close(): Promise<void>;
}

/** A real server on an ephemeral port and a fresh SQLite file (or `databaseUrl`), optionally with faulty ports. */
export async function startTestServer(options: ContainerOptions = {}, database?: string): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'livedrops-sim-test-'));
  const databaseUrl = database ?? `sqlite:${join(dir, 'sim.db')}`;
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' });
  const handle = await startServer(config, { ...options, logger: createLogger('silent'), drainTimeoutMs: 2000 });
  return {
    url: handle.url,
    databaseUrl,
    async close() {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function tempOut(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `livedrops-sim-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
