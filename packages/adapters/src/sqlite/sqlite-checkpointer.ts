import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import type { Knex } from 'knex';
import type { CheckpointWorkerData } from './sqlite-checkpoint-worker.js';

export interface CheckpointerOptions {
  /** How often the thread copies new WAL frames into the database file. */
  intervalMs?: number;
  /** Log size (frames, 4 KiB each by default) at which the log is made to start over. */
  restartFrames?: number;
}

// SQLite's default: the writer checkpoints on COMMIT once the log holds this many frames.
const WRITER_DEFAULT_AUTOCHECKPOINT = 1000;
// While the thread does the copying, the writer's own automatic checkpoint is only a
// safety net (the thread died, or cannot keep up): far above where the thread restarts the log.
const WRITER_SAFETY_AUTOCHECKPOINT = 16_384;
// Longest the writer stays paused for the thread's last pass, whatever the thread does.
const PAUSE_LIMIT_MS = 1000;

/**
 * Moves WAL checkpoints off the event loop. With SQLite's default, the COMMIT that
 * pushes the log past 1,000 frames copies them all into the database file and fsyncs
 * it, on the main thread: on the order hot path that was about a third of the time the
 * writes cost, and tens of milliseconds of stall each time, every order waiting behind it.
 *
 * Here a worker thread with its own connection runs PASSIVE checkpoints every few
 * milliseconds; they wait for nobody and block nobody. Copying alone never lets the log
 * start over under steady writes, so when it has grown past `restartFrames` the thread
 * asks for a pause: this side takes the writer connection from the pool (after the
 * running batch commits; new units keep queueing, the event loop keeps running), the
 * thread copies the last few frames, and the writer's next transaction starts the log
 * from the beginning. The pause lasts one short pass.
 */
export class SqliteCheckpointer {
  private worker: Worker | undefined;
  private finished = false;
  private held: { conn: Database; timer: NodeJS.Timeout } | undefined;
  private exited: Promise<void> | undefined;
  private started: Promise<void> | undefined;

  constructor(
    private readonly filename: string,
    private readonly knex: Knex,
    private readonly opts: CheckpointerOptions = {},
  ) {}

  get running(): boolean {
    return this.worker !== undefined;
  }

  /** Starts the thread; a no-op once started or stopped. */
  start(): void {
    if (this.worker || this.finished) return;
    const workerData: CheckpointWorkerData = {
      filename: this.filename,
      intervalMs: this.opts.intervalMs ?? 10,
      restartFrames: this.opts.restartFrames ?? 4096,
    };
    const worker = new Worker(new URL('./sqlite-checkpoint-worker.js', import.meta.url), { workerData });
    worker.unref();
    this.started = new Promise((resolve) => {
      const onReady = (msg: unknown) => {
        if (msg !== 'ready') return;
        worker.off('message', onReady);
        resolve();
      };
      worker.on('message', onReady);
      worker.once('exit', () => resolve());
    });
    worker.on('message', (msg: unknown) => {
      // A pause asked for while the engine closes finds no pool to take the writer from.
      this.onMessage(msg).catch(() => undefined);
    });
    // A thread that cannot run leaves checkpoints to the writer, as without it.
    worker.on('error', () => void this.fallBack());
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    this.worker = worker;
    void this.writerAutocheckpoint(WRITER_SAFETY_AUTOCHECKPOINT);
  }

  /** Resolves once the thread has opened its connection (or failed to); at once if never started. */
  async ready(): Promise<void> {
    await this.started;
  }

  /** Stops the thread (its connection closes) and lets the writer go if it was paused. */
  async stop(): Promise<void> {
    this.finished = true;
    const worker = this.worker;
    this.worker = undefined;
    await this.release();
    if (!worker) return;
    worker.postMessage('stop');
    const timer = setTimeout(() => void worker.terminate(), 2000);
    await this.exited;
    clearTimeout(timer);
  }

  private async onMessage(msg: unknown): Promise<void> {
    if (msg === 'pause') {
      if (this.held || !this.worker) return;
      const conn = (await this.knex.client.acquireConnection()) as Database;
      const timer = setTimeout(() => void this.release(), PAUSE_LIMIT_MS);
      this.held = { conn, timer };
      if (this.worker && !conn.inTransaction) this.worker.postMessage('paused');
      else await this.release();
    } else if (typeof msg === 'object' && msg !== null && 'done' in msg) {
      await this.release();
    }
  }

  private async release(): Promise<void> {
    const held = this.held;
    if (!held) return;
    this.held = undefined;
    clearTimeout(held.timer);
    await this.knex.client.releaseConnection(held.conn);
  }

  private async fallBack(): Promise<void> {
    this.worker = undefined;
    this.finished = true;
    await this.release();
    await this.writerAutocheckpoint(WRITER_DEFAULT_AUTOCHECKPOINT);
  }

  private async writerAutocheckpoint(frames: number): Promise<void> {
    try {
      const conn = (await this.knex.client.acquireConnection()) as Database;
      try {
        conn.pragma(`wal_autocheckpoint = ${frames}`);
      } finally {
        await this.knex.client.releaseConnection(conn);
      }
    } catch {
      // The engine is closing; there is no writer left to tune.
    }
  }
}
