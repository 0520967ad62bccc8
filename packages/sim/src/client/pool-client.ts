import type http from 'node:http';
import { Pool } from 'undici';
import { replyBody, type Reply, type RequestOptions } from './http-client.js';

/**
 * The waiting room's users' client: the same answers as HttpClient (a refused connection told
 * from a reset or a timeout), on undici's connection pool, which spends about half the CPU per
 * request of node:http's agent. At a celebrity's start ten thousand joins leave within a second,
 * and a load generator sharing the server's machine must not take the core the server needs.
 * No `abandonAfterMs`: the fair-access users never abandon a request.
 */
export class PoolClient {
  private readonly pool: Pool;
  private readonly prefix: string;

  constructor(baseUrl: string, connections = 256) {
    const u = new URL(baseUrl);
    this.prefix = u.pathname.replace(/\/$/, '');
    this.pool = new Pool(u.origin, { connections, pipelining: 1 });
  }

  /** Opens `n` keep-alive connections before the measured load (see HttpClient.preconnect). */
  async preconnect(n: number): Promise<number> {
    const replies = await Promise.all(Array.from({ length: n }, () => this.request('GET', '/livez', { parse: false })));
    return replies.filter((r) => r.kind === 'response').length;
  }

  /**
   * On undici's `dispatch` (callbacks, no body stream or promise chain per answer), with its own
   * header and body timeouts, not an AbortSignal timer per request: together about half the
   * client's CPU per request. The timeout runs from when the request leaves (a request waiting
   * for a free socket is the user's own queue, not the server's answer being late).
   */
  request(method: string, path: string, o: RequestOptions = {}): Promise<Reply> {
    if (o.abandonAfterMs !== undefined) throw new Error('PoolClient does not abandon requests: use HttpClient');
    const payload = o.body === undefined ? undefined : JSON.stringify(o.body);
    const headers: Record<string, string> = { accept: 'application/json', ...o.headers };
    if (o.token) headers['authorization'] = `Bearer ${o.token}`;
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const timeout = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return new Promise<Reply>((resolve) => {
      const chunks: Buffer[] = [];
      let status = 0;
      let got: http.IncomingHttpHeaders = {};
      this.pool.dispatch(
        {
          method: method as 'GET',
          path: this.prefix + path,
          headers,
          body: payload,
          headersTimeout: timeout,
          bodyTimeout: timeout,
        },
        {
          onConnect: () => undefined,
          onError: (e: Error) => resolve({ kind: 'error', error: failure(e as Failure) }),
          onHeaders: (code: number, raw: Buffer[] | string[] | null) => {
            status = code;
            got = headersOf(raw ?? []);
            return true;
          },
          onData: (chunk: Buffer) => chunks.push(chunk) > 0,
          onComplete: () => {
            const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
            resolve({ kind: 'response', status, headers: got, body: replyBody(text, got['content-type'], o.parse) });
          },
        },
      );
    });
  }

  close(): void {
    void this.pool.destroy();
  }
}

/** undici's own timeout when the caller sets none (it has one of 300 s). */
const DEFAULT_TIMEOUT_MS = 300_000;

type Failure = Error & { code?: string; cause?: { code?: string } };

/** Raw header pairs as node:http names them (lower case; repeats joined, as its `headers` does). */
function headersOf(raw: Buffer[] | string[]): http.IncomingHttpHeaders {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toString().toLowerCase();
    const value = raw[i + 1]!.toString();
    out[name] = out[name] === undefined ? value : `${out[name]}, ${value}`;
  }
  return out;
}

/** As HttpClient names them: `refused` never left; a reset or a timeout may have been applied. */
function failure(e: Failure): string {
  const code = e.code ?? e.cause?.code;
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return 'timeout';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return 'reset';
  return code ?? e.message;
}
