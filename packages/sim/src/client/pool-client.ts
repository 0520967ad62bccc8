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

  async request(method: string, path: string, o: RequestOptions = {}): Promise<Reply> {
    if (o.abandonAfterMs !== undefined) throw new Error('PoolClient does not abandon requests: use HttpClient');
    const payload = o.body === undefined ? undefined : JSON.stringify(o.body);
    const headers: Record<string, string> = { accept: 'application/json', ...o.headers };
    if (o.token) headers['authorization'] = `Bearer ${o.token}`;
    if (payload !== undefined) headers['content-type'] = 'application/json';
    try {
      const res = await this.pool.request({
        method: method as 'GET',
        path: this.prefix + path,
        headers,
        body: payload,
        signal: o.timeoutMs === undefined ? undefined : AbortSignal.timeout(o.timeoutMs),
      });
      const body = replyBody(await res.body.text(), res.headers['content-type'], o.parse);
      return { kind: 'response', status: res.statusCode, headers: res.headers as http.IncomingHttpHeaders, body };
    } catch (e) {
      return { kind: 'error', error: failure(e as Error & { code?: string; cause?: { code?: string } }) };
    }
  }

  close(): void {
    void this.pool.destroy();
  }
}

/** As HttpClient names them: `refused` never left; a reset or a timeout may have been applied. */
function failure(e: Error & { code?: string; cause?: { code?: string } }): string {
  const code = e.code ?? e.cause?.code;
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timeout';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return 'reset';
  return code ?? e.message;
}
