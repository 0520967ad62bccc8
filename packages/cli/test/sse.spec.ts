import { expect } from 'chai';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runSse, type StreamState } from '../src/sse-client.js';
import { SseParser, type SseEvent } from '../src/sse-parser.js';

describe('SSE line parser (HTML standard event-stream)', () => {
  const all = (chunks: string[]): { events: SseEvent[]; p: SseParser } => {
    const p = new SseParser();
    return { events: chunks.flatMap((c) => p.push(c)), p };
  };

  it('dispatches on a blank line with id, event and multi-line data', () => {
    const { events, p } = all(['id: 1\nevent: stock.low\ndata: {"a":\ndata: 1}\n\n']);
    expect(events).to.deep.equal([{ id: '1', event: 'stock.low', data: '{"a":\n1}' }]);
    expect(p.lastEventId).to.equal('1');
  });

  it('gives the same events however the bytes are cut, CRLF and CR included', () => {
    const text = '\uFEFF: heartbeat\r\nid: 7\r\nevent: x\r\ndata: one\r\n\r\ndata:two\r\rid: 8\ndata: three\n\n';
    const whole = all([text]).events;
    expect(whole.map((e) => [e.id, e.event, e.data])).to.deep.equal([
      ['7', 'x', 'one'],
      ['7', 'message', 'two'],
      ['8', 'message', 'three'],
    ]);
    for (let i = 1; i < text.length; i++)
      expect(all([text.slice(0, i), text.slice(i)]).events, `cut at ${i}`).to.deep.equal(whole);
    expect(all(text.split('')).events).to.deep.equal(whole);
  });

  it('ignores comments and unknown fields, keeps retry advice, holds an unfinished event', () => {
    const { events, p } = all([': ping\nfoo: bar\nretry: 2500\ndata: partial']);
    expect(events).to.deep.equal([]);
    expect(p.retryMs).to.equal(2500);
    p.reset(); // a new connection drops the half-received event
    expect(p.push('\n')).to.deep.equal([]);
  });
});

describe('SSE client on fetch: reconnects with Last-Event-ID, degrades on 404', function () {
  this.timeout(10_000);
  let server: Server;
  let url: URL;
  let handler: (req: IncomingMessage, res: ServerResponse) => void;
  beforeEach(async () => {
    server = createServer((req, res) => handler(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/me/notifications/stream`);
  });
  afterEach(() => {
    server.closeAllConnections();
    server.close();
  });

  it('sends the bearer token, resumes after the last id, and stops when aborted', async () => {
    const seen: (string | undefined)[] = [];
    let n = 0;
    handler = (req, res) => {
      seen.push(req.headers['last-event-id'] as string | undefined);
      expect(req.headers.authorization).to.equal('Bearer tok');
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      n++;
      res.end(`retry: 50\nid: e${n}\nevent: stock.low\ndata: {"n":${n}}\n\n`); // the server hangs up each time
    };
    const stop = new AbortController();
    const events: SseEvent[] = [];
    await runSse({
      url,
      token: 'tok',
      signal: stop.signal,
      onEvent: (e) => {
        events.push(e);
        if (events.length === 3) stop.abort();
      },
    });
    expect(events.map((e) => e.id)).to.deep.equal(['e1', 'e2', 'e3']);
    expect(seen).to.deep.equal([undefined, 'e1', 'e2']);
  });

  it('reports a missing endpoint as unavailable and keeps asking until it answers 200', async () => {
    let calls = 0;
    handler = (_req, res) => {
      calls++;
      if (calls < 3) return void res.writeHead(404, { 'content-type': 'application/problem+json' }).end('{}');
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('id: 1\ndata: {}\n\n');
    };
    const states: StreamState[] = [];
    const stop = new AbortController();
    await runSse({
      url,
      token: 't',
      signal: stop.signal,
      unavailableRetryMs: 20,
      onState: (s) => states.push(s),
      onEvent: () => stop.abort(),
    });
    expect(calls).to.equal(3);
    expect(states).to.include.members(['unavailable', 'open', 'closed']);
  });

  it('gives up for good on 401', async () => {
    handler = (_req, res) => void res.writeHead(401).end();
    const states: StreamState[] = [];
    await runSse({
      url,
      token: 't',
      signal: new AbortController().signal,
      onState: (s) => states.push(s),
      onEvent: () => {},
    });
    expect(states).to.deep.equal(['connecting', 'unauthorized']);
  });
});
