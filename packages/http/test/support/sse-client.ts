import { request, type ClientRequest } from 'node:http';
import { expect } from 'chai';
import { createParser } from 'eventsource-parser';

export interface SseEvent {
  id: string;
  event: string;
  /** The parsed `data:` JSON. */
  data: any;
  /** Date.now() when it arrived. */
  at: number;
}

export interface StreamOptions {
  token?: string;
  lastEventId?: string;
  query?: string;
}

/** A test SSE client: collects events and heartbeats, and waits for them. */
export class SseClient {
  readonly events: SseEvent[] = [];
  heartbeats = 0;
  ended = false;
  private readonly parser = createParser({
    onEvent: (e) => this.events.push({ id: e.id!, event: e.event!, data: JSON.parse(e.data), at: Date.now() }),
    onComment: (comment) => {
      if (comment.includes('heartbeat')) this.heartbeats++;
    },
  });
  private req: ClientRequest | undefined;
  private waiters: Array<() => void> = [];
  status = 0;
  headers: globalThis.Headers = new Headers();
  body = '';

  static open(base: string, o: StreamOptions = {}): Promise<SseClient> {
    const c = new SseClient();
    const headers: Record<string, string> = { Accept: 'text/event-stream' };
    if (o.token) headers['Authorization'] = `Bearer ${o.token}`;
    if (o.lastEventId) headers['Last-Event-ID'] = o.lastEventId;
    // node:http with its own socket (no pool): closing the client closes exactly that socket.
    return new Promise((resolve, reject) => {
      const req = request(`${base}/v1/me/notifications/stream${o.query ?? ''}`, { headers, agent: false });
      c.req = req;
      req.on('error', (err) => (c.status ? c.end() : reject(err)));
      req.on('response', (res) => {
        c.status = res.statusCode ?? 0;
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') c.headers.set(k, v);
        res.setEncoding('utf8');
        if (c.status !== 200) {
          res.on('data', (d: string) => (c.body += d));
          res.on('end', () => (c.end(), resolve(c)));
          return;
        }
        res.on('data', (d: string) => c.push(d));
        res.on('end', () => c.end());
        res.on('error', () => c.end());
        resolve(c);
      });
      req.end();
    });
  }

  private push(text: string): void {
    this.parser.feed(text);
    this.wake();
  }

  private end(): void {
    this.ended = true;
    this.wake();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves once `predicate` holds (checked on every frame), or fails after `timeoutMs`. */
  async until(predicate: (c: SseClient) => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this)) {
      const left = deadline - Date.now();
      if (left <= 0 || this.ended)
        expect.fail(`stream: timed out waiting for ${what}; got ${JSON.stringify(this.types())}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.min(left, 100));
        this.waiters.push(() => (clearTimeout(t), r()));
      });
    }
  }

  /** Waits for `n` events in total. */
  count(n: number, timeoutMs = 5000): Promise<void> {
    return this.until((c) => c.events.length >= n, timeoutMs, `${n} events`);
  }

  types(): string[] {
    return this.events.map((e) => e.event);
  }

  ids(): string[] {
    return this.events.map((e) => e.id);
  }

  close(): void {
    this.req?.destroy();
  }
}
