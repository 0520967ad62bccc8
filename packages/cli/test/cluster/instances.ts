import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { CLI } from '../cli-process.js';

/** A port nothing listens on right now (the OS picks it), for an instance to keep across restarts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** One `livedrops serve` process on a fixed port, which the test can kill and start again. */
export class Instance {
  private child: ChildProcess | undefined;
  private readonly log: string[] = [];
  readonly url: string;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  /** Starts it and waits until /readyz says every dependency answers. */
  async start(timeoutMs = 30_000): Promise<void> {
    const child = spawn(process.execPath, [CLI, 'serve', '--port', String(this.port)], {
      env: { ...process.env, LOG_LEVEL: 'warn', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (d: Buffer) => {
      this.log.push(
        ...d
          .toString()
          .split('\n')
          .filter(Boolean)
          .map((l) => `${this.name}: ${l}`),
      );
      this.log.splice(0, Math.max(0, this.log.length - 200));
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${this.name} exited at start:\n${this.logs()}`);
      const ok = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(1_000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`${this.name} not ready in time:\n${this.logs()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** kill -9: no shutdown of any kind. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await gone;
  }

  /** SIGTERM (graceful), SIGKILL if it is still there after `ms`. */
  async stop(ms = 10_000): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    await gone;
    clearTimeout(timer);
  }

  logs(): string {
    return this.log.join('\n');
  }
}
