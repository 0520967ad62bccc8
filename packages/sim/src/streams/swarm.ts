import { fork, type ChildProcess } from 'node:child_process';
import type { Receipt, StreamRecord } from '../history/types.js';
import type { StreamTransport } from './stream-connection.js';

type Row = [
  stream: number,
  id: string,
  type: string,
  dropId: string | null,
  orderId: string | null,
  createdAt: number | null,
  at: number,
];

/** Events of chosen types, passed on as they arrive: stream `k` (in connect order), its type, its data, when. */
export interface LiveEvents {
  types: string[];
  on(k: number, type: string, data: Record<string, unknown>, at: number): void;
}

/**
 * The driver's side of swarm-child: one notification stream per user (SSE, or a GraphQL
 * subscription over WebSocket), in a child process.
 * `collect()` ends every stream and returns what each received (the only way to read it,
 * so call it once, after the run has settled); `live` hears chosen types at once.
 */
export class StreamSwarm {
  private readonly child: ChildProcess;
  private userIds: string[] = [];

  constructor(via: StreamTransport = 'sse', live?: LiveEvents) {
    this.child = fork(new URL('./swarm-child.js', import.meta.url), [via, live?.types.join(',') ?? ''], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    if (live)
      this.child.on(
        'message',
        (m: { type: string; events?: Array<[number, string, Record<string, unknown>, number]> }) => {
          if (m.type === 'live') for (const [k, type, data, at] of m.events!) live.on(k, type, data, at);
        },
      );
  }

  private ask<T>(msg: object, type: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const onMessage = (m: { type: string }): void => {
        if (m.type !== type) return;
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
        resolve(m as T);
      };
      const onExit = (code: number | null): void => reject(new Error(`stream swarm exited (${code})`));
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
      this.child.send(msg);
    });
  }

  /**
   * Opens a stream per user (in waves) and resolves once every one has answered. Given several
   * instances, user i connects to `urls[i % n]` (and moves on to the next when that one dies).
   */
  async connect(
    urls: string | string[],
    users: Array<{ userId: string; token: string }>,
  ): Promise<{ ok: number; failed: number; ms: number }> {
    this.userIds.push(...users.map((u) => u.userId));
    const all = typeof urls === 'string' ? [urls] : urls;
    return this.ask({ cmd: 'connect', urls: all, tokens: users.map((u) => u.token), wave: 500 }, 'connected');
  }

  /** Events received so far, and streams currently open (for progress and quiescence). */
  count(): Promise<{ received: number; open: number }> {
    return this.ask({ cmd: 'count' }, 'count');
  }

  async collect(): Promise<{ receipts: Receipt[]; streams: StreamRecord[] }> {
    const m = await this.ask<{ rows: Row[]; streams: Array<Omit<StreamRecord, 'userId'>> }>(
      { cmd: 'collect' },
      'collected',
    );
    const receipts = m.rows.map(([k, id, type, dropId, orderId, createdAt, at]) => ({
      userId: this.userIds[k]!,
      id,
      type,
      dropId: dropId ?? undefined,
      orderId: orderId ?? undefined,
      createdAt: createdAt ?? undefined,
      at,
    }));
    const streams = m.streams.map((s, k) => ({ ...s, userId: this.userIds[k]! }));
    return { receipts, streams };
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  close(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}
