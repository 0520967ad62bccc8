import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface Target {
  url: string;
  /** The database the server uses, when the simulator may write to it directly (bulk seeding). */
  databaseUrl: string | undefined;
  close(): Promise<void>;
}

/**
 * `--embedded`: a Live Drops server in this process, on a worker thread, over a fresh SQLite
 * file in a temporary directory that is removed on close. Its log goes to `logFile` as a person
 * reads it: start-up and shutdown, failures and slow requests (not one line per request).
 */
export async function startEmbedded(logFile: string, logLevel = 'info'): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'livedrops-sim-'));
  const databaseUrl = `sqlite:${join(dir, 'sim.db')}`;
  const worker = new Worker(new URL('./embedded-worker.js', import.meta.url), {
    workerData: { databaseUrl, logFile, logLevel },
    // The young generation `livedrops serve` runs with (the launcher's --max-semi-space-size=64).
    resourceLimits: { maxYoungGenerationSizeMb: 192 },
  });
  const cleanup = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('exit', (code) =>
        reject(new Error(`embedded server exited (${code}) before it was ready; see ${logFile}`)),
      );
      worker.once('message', (m: { type: string; url?: string; error?: string }) =>
        m.type === 'ready' ? resolve(m.url!) : reject(new Error(`embedded server failed to start: ${m.error}`)),
      );
    });
    worker.removeAllListeners('exit');
    worker.removeAllListeners('error');
    let closing: Promise<void> | undefined;
    return {
      url,
      databaseUrl,
      close: () =>
        (closing ??= new Promise<void>((resolve) => {
          const bound = setTimeout(() => void worker.terminate(), 15_000);
          worker.once('message', () => void worker.terminate());
          worker.once('exit', () => {
            clearTimeout(bound);
            cleanup();
            resolve();
          });
          worker.postMessage('close');
        })),
    };
  } catch (e) {
    await worker.terminate();
    cleanup();
    throw e;
  }
}

/** `--api URL`: a server someone else runs (and may let us seed its database directly). */
export function remoteTarget(url: string, databaseUrl: string | undefined): Target {
  return { url: url.replace(/\/$/, ''), databaseUrl, close: async () => undefined };
}

/** `--api URL1,URL2,…`: the instances of one deployment (only queue-storm and draw spread their users over several). */
export function apiUrls(api: string): string[] {
  return api
    .split(',')
    .map((u) => u.trim().replace(/\/$/, ''))
    .filter(Boolean);
}
