import { expect } from 'chai';
import WebSocket from 'ws';

export interface GqlResult {
  status: number;
  headers: Headers;
  // Tests read response JSON freely; shapes are asserted where they matter.
  json: any;
}

/** POST /graphql over real HTTP. */
export async function gql(
  base: string,
  query: string,
  o: { variables?: Record<string, unknown>; token?: string; accept?: string } = {},
): Promise<GqlResult> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: o.accept ?? 'application/graphql-response+json',
  };
  if (o.token) headers['authorization'] = `Bearer ${o.token}`;
  const r = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables: o.variables }),
  });
  const text = await r.text();
  expect(text, 'no internals in a GraphQL answer').not.to.match(/\n\s+at \S|node_modules|SQLITE_|knex/i);
  return { status: r.status, headers: r.headers, json: text ? JSON.parse(text) : undefined };
}

/** The data of a response that must have succeeded. */
export async function gqlData(base: string, query: string, o: Parameters<typeof gql>[2] = {}): Promise<any> {
  const res = await gql(base, query, o);
  expect(res.json.errors, JSON.stringify(res.json.errors)).to.equal(undefined);
  expect(res.status).to.equal(200);
  return res.json.data;
}

/** The one error of a response, asserted to carry `code`. */
export function expectGqlError(res: GqlResult, code: string, path?: string): any {
  expect(res.json.errors, JSON.stringify(res.json)).to.be.an('array').with.length.greaterThan(0);
  const error = res.json.errors.find((e: any) => e.extensions?.code === code);
  expect(error, `an error with code ${code} in ${JSON.stringify(res.json.errors)}`).to.be.an('object');
  if (path !== undefined)
    expect(
      error.extensions.errors.map((e: any) => e.path),
      JSON.stringify(error),
    ).to.include(path);
  return error;
}

type Message = { type: string; id?: string; payload?: any };

/** A raw graphql-transport-ws client: every message it gets, in order, plus pings and the close. */
export class WsClient {
  readonly messages: Message[] = [];
  pings = 0;
  closed: { code: number; reason: string } | undefined;
  private waiters: Array<() => void> = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)) as Message);
      this.wake();
    });
    socket.on('ping', () => (this.pings++, this.wake()));
    socket.on('close', (code, reason) => {
      this.closed = { code, reason: String(reason) };
      this.wake();
    });
  }

  /** Connects to /graphql and sends connection_init with `payload`; waits for the ack (or the close). */
  static async open(
    base: string,
    payload: Record<string, unknown> | undefined,
    protocol = 'graphql-transport-ws',
  ): Promise<WsClient> {
    const socket = new WebSocket(`${base.replace(/^http/, 'ws')}/graphql`, protocol);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const c = new WsClient(socket);
    socket.send(JSON.stringify({ type: 'connection_init', payload }));
    await c.until(
      () => c.closed !== undefined || c.messages.some((m) => m.type === 'connection_ack'),
      'connection_ack',
    );
    return c;
  }

  subscribe(id: string, query: string, variables?: Record<string, unknown>): void {
    this.socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } }));
  }

  complete(id: string): void {
    this.socket.send(JSON.stringify({ id, type: 'complete' }));
  }

  /** The `next` payloads of one operation. */
  next(id: string): any[] {
    return this.messages.filter((m) => m.id === id && m.type === 'next').map((m) => m.payload);
  }

  /**
   * The errors operation `id` ended with: an `error` message (the document was refused) or a
   * `next` carrying errors (a resolver failed, e.g. the stream cap), which graphql-ws follows with `complete`.
   */
  errors(id: string): any[] {
    return this.messages.flatMap((m) =>
      m.id !== id ? [] : m.type === 'error' ? m.payload : m.type === 'next' ? (m.payload.errors ?? []) : [],
    );
  }

  /** Notification ids delivered to subscription `id`. */
  ids(id: string): string[] {
    return this.next(id).map((p) => p.data.notifications.id);
  }

  async until(predicate: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      const left = deadline - Date.now();
      if (left <= 0)
        expect.fail(
          `websocket: timed out waiting for ${what}; got ${JSON.stringify(this.messages)} ${JSON.stringify(this.closed)}`,
        );
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.min(left, 100));
        this.waiters.push(() => (clearTimeout(t), r()));
      });
    }
  }

  close(): void {
    this.socket.terminate();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}
