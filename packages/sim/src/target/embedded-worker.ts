// The embedded server, on its own thread: the simulator's load generator and checker then
// do not share an event loop with the server they measure (on one loop, every millisecond
// the client spends would show up as server latency).
import { createWriteStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { loadConfig } from '@livedrops/adapters';
import { createLogger, keepRequestsYoung, startServer } from '@livedrops/http';

const { databaseUrl, logFile, logLevel } = workerData as { databaseUrl: string; logFile: string; logLevel: string };
const log = createWriteStream(logFile, { flags: 'a' });
const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, LOG_LEVEL: logLevel });
// As `livedrops serve` runs (http/src/heap-tuning.ts): for this whole process, load generator included.
keepRequestsYoung();
try {
  const logger = createLogger(logLevel, log, 'pretty');
  const handle = await startServer(config, { logger, requestLog: 'notable', drainTimeoutMs: 5000 });
  parentPort!.postMessage({ type: 'ready', url: handle.url });
  parentPort!.on('message', (m: string) => {
    if (m !== 'close') return;
    handle.close().then(
      () => log.end(() => parentPort!.postMessage({ type: 'closed' })),
      (err: unknown) => parentPort!.postMessage({ type: 'closed', error: String(err) }),
    );
  });
} catch (err) {
  parentPort!.postMessage({ type: 'failed', error: err instanceof Error ? err.message : String(err) });
}
