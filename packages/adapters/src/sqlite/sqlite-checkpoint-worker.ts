import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/**
 * The checkpointer's thread (see sqlite-checkpointer.ts). Copies committed WAL frames
 * into the database file with PASSIVE checkpoints, which wait for nobody, and asks the
 * main thread for a short pause of the writer when the log has grown enough to be worth
 * restarting. Messages in: 'paused' (the writer is idle; finish and answer 'done'),
 * 'stop'. Messages out: 'ready', 'pause', 'done' (with the frames still not copied), 'stopped'.
 */
export interface CheckpointWorkerData {
  filename: string;
  intervalMs: number;
  restartFrames: number;
}

interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

const { filename, intervalMs, restartFrames } = workerData as CheckpointWorkerData;
const port = parentPort!;
const db = new Database(filename, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
let waiting = false;
// The log size our last pause ended with: until the writer's next transaction starts the
// log over, the header still says so, and asking again would pause it for nothing.
let pausedAt = -1;

function pass(): CheckpointResult {
  return (db.pragma('wal_checkpoint(PASSIVE)') as CheckpointResult[])[0]!;
}

const timer = setInterval(() => {
  if (waiting) return;
  const r = pass();
  // Everything committed is in the file, but the log only starts over once a writer
  // begins with nothing left to copy; under steady load there never is such a moment
  // unless the writer waits for one last pass.
  if (r.busy === 0 && r.log >= restartFrames && r.log !== pausedAt) {
    waiting = true;
    port.postMessage('pause');
  }
}, intervalMs);

port.postMessage('ready');
port.on('message', (msg: unknown) => {
  if (msg === 'paused') {
    const r = pass();
    waiting = false;
    pausedAt = r.log;
    port.postMessage({ done: true, left: r.log - r.checkpointed });
  } else if (msg === 'stop') {
    clearInterval(timer);
    db.close();
    port.postMessage('stopped');
    port.close();
  }
});
