import http from 'node:http';

export interface RequestOptions {
  token?: string | undefined;
  body?: unknown;
  headers?: Record<string, string>;
  /** Give up after this long: an indeterminate outcome (`timeout`). */
  timeoutMs?: number | undefined;
  /**
   * Tear the connection down this long after the request was written, whatever the server
   * does: a phone losing its network mid-request. Indeterminate (`abandoned`).
   */
  abandonAfterMs?: number | undefined;
  /** false: keep the body as text (browsing reads whose content nobody looks at). */
  parse?: boolean;
}

export type Reply =
  // biome-ignore lint/suspicious/noExplicitAny: the server's JSON, checked by whoever reads it
  | { kind: 'response'; status: number; headers: http.IncomingHttpHeaders; body: any }
  /** `refused`: the request never left (connection refused); anything else may have reached the server. */
  | { kind: 'error'; error: 'timeout' | 'abandoned' | 'reset' | 'refused' | string };

/** A response's text, parsed when it is JSON (and `parse` is not false); the text when it is not. */
export function replyBody(text: string, contentType: unknown, parse: boolean | undefined): unknown {
  if (parse === false || !/json/.test(String(contentType ?? '')) || !text) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * A small keep-alive JSON client on node:http. Not fetch: the simulator needs to tell a
 * refused connection (definitely not applied) from a reset or a timeout (maybe applied),
 * and to abandon a request at a chosen moment.
 */
export class HttpClient {
  private readonly agent: http.Agent;
  private readonly host: string;
  private readonly port: number;
  private readonly prefix: string;

  constructor(
    readonly baseUrl: string,
    connections = 256,
  ) {
    const u = new URL(baseUrl);
    this.host = u.hostname.replace(/^\[|\]$/g, '');
    this.port = Number(u.port || 80);
    this.prefix = u.pathname.replace(/\/$/, '');
    // FIFO: every pooled socket takes turns, so none sits idle past the server's keep-alive timeout.
    this.agent = new http.Agent({
      keepAlive: true,
      maxSockets: connections,
      maxFreeSockets: connections,
      scheduling: 'fifo',
    });
  }

  /**
   * Opens `n` keep-alive sockets before the measured load (one cheap request on each, all in
   * flight together). A busy Node server accepts one new connection per event-loop turn
   * (libuv ≥ 1.45), so a pool opened at the first second of the load would queue hundreds of
   * connections in the listen backlog and measure that instead of the requests.
   */
  async preconnect(n: number): Promise<number> {
    const replies = await Promise.all(
      Array.from({ length: n }, () => this.request('GET', '/livez', { timeoutMs: 10_000, parse: false })),
    );
    return replies.filter((r) => r.kind === 'response').length;
  }

  request(method: string, path: string, o: RequestOptions = {}): Promise<Reply> {
    const payload = o.body === undefined ? undefined : JSON.stringify(o.body);
    const headers: Record<string, string> = { accept: 'application/json', ...o.headers };
    if (o.token) headers['authorization'] = `Bearer ${o.token}`;
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    return new Promise((resolve) => {
      let settled = false;
      const timers: NodeJS.Timeout[] = [];
      const settle = (r: Reply): void => {
        if (settled) return;
        settled = true;
        for (const t of timers) clearTimeout(t);
        resolve(r);
      };
      const req = http.request(
        { agent: this.agent, host: this.host, port: this.port, method, path: this.prefix + path, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', () => settle({ kind: 'error', error: 'reset' }));
          res.on('end', () => {
            const body = replyBody(Buffer.concat(chunks).toString('utf8'), res.headers['content-type'], o.parse);
            settle({ kind: 'response', status: res.statusCode ?? 0, headers: res.headers, body });
          });
        },
      );
      const giveUp = (error: string) => (): void => {
        settle({ kind: 'error', error });
        req.destroy();
      };
      if (o.timeoutMs !== undefined) timers.push(setTimeout(giveUp('timeout'), o.timeoutMs));
      req.on('error', (e: NodeJS.ErrnoException) =>
        settle({
          kind: 'error',
          error: e.code === 'ECONNREFUSED' ? 'refused' : e.code === 'ECONNRESET' ? 'reset' : (e.code ?? e.message),
        }),
      );
      req.end(payload, () => {
        if (o.abandonAfterMs !== undefined) timers.push(setTimeout(giveUp('abandoned'), o.abandonAfterMs));
      });
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
