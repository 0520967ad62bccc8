import { expect } from 'chai';
import { createLogger, formatRecord, prettyDestination } from '../src/index.js';
import { requestLevel, SLOW_REQUEST_MS } from '../src/middleware/request-context.js';
import { startTestServer } from './support/harness.js';

const ANSI = /\x1b\[/;

describe('logs a person can read, and JSON for machines', () => {
  it('formats a request record as one line, and an error with its stack below', () => {
    const rec = {
      level: 30,
      time: '2026-11-21T19:04:05.123Z',
      msg: 'request',
      reqId: 'r-1',
      method: 'GET',
      route: '/v1/drops/{id}',
      path: '/v1/drops/x',
      status: 404,
      durationMs: 12.4,
      service: 'livedrops-http',
    };
    expect(formatRecord(rec, false)).to.equal('19:04:05 INFO  GET /v1/drops/x 404 12 ms  req=r-1');
    const err = formatRecord(
      {
        level: 50,
        time: '2026-11-21T19:04:05.123Z',
        msg: 'unhandled error',
        reqId: 'r-2',
        err: { message: 'boom', stack: 'Error: boom\n    at x' },
        route: '/v1/orders',
      },
      false,
    );
    expect(err.split('\n')).to.deep.equal([
      '19:04:05 ERROR unhandled error  req=r-2',
      '    Error: boom',
      '        at x',
    ]);
    expect(
      formatRecord({ level: 40, time: 1_763_751_845_000, msg: 'slow', where: 'relay', n: 3, text: 'two words' }, false),
    ).to.equal(
      `${new Date(1_763_751_845_000).toISOString().slice(11, 19)} WARN  slow  where=relay n=3 text="two words"`,
    );
  });

  it('colours only a terminal without NO_COLOR or TERM=dumb', () => {
    const line = JSON.stringify({ level: 30, time: '2026-11-21T19:04:05.123Z', msg: 'hello' });
    const written = (isTTY: boolean, env: NodeJS.ProcessEnv): string => {
      let out = '';
      prettyDestination({ isTTY, write: (t: string) => (out += t) }, env).write(line);
      return out;
    };
    expect(written(true, {})).to.match(ANSI);
    for (const [tty, env] of [
      [false, {}],
      [true, { NO_COLOR: '1' }],
      [true, { TERM: 'dumb' }],
    ] as const) {
      expect(written(tty, env), JSON.stringify([tty, env])).to.equal('19:04:05 INFO  hello\n');
    }
  });

  it('shows, at info, only failures and slow requests when notable; every request otherwise', () => {
    expect(requestLevel('notable', 200, 3, false)).to.equal('debug');
    expect(requestLevel('notable', 201, SLOW_REQUEST_MS, false)).to.equal('warn');
    expect(requestLevel('notable', 200, 60_000, true)).to.equal('debug'); // an event stream is long by design
    expect(requestLevel('notable', 404, 1, false)).to.equal('info');
    expect(requestLevel('notable', 409, 1, false)).to.equal('debug'); // sold out: an answer, not a failure
    expect(requestLevel('notable', 503, 1, false)).to.equal('error');
    for (const status of [200, 404, 503]) expect(requestLevel('all', status, 1, false)).to.equal('info');
  });

  it('a server logging for a person: no line for a quick success, one readable line for a 404', async () => {
    let text = '';
    const logger = createLogger('info', { write: (t: string) => void (text += t) }, 'pretty');
    let announced = '';
    const t = await startTestServer({ logger, requestLog: 'notable', announce: (url) => (announced = url) });
    try {
      expect(announced).to.equal(t.url);
      expect((await t.client.get('/livez')).status).to.equal(200);
      expect((await t.client.get('/v1/drops/nope')).status).to.equal(404);
      await new Promise((r) => setTimeout(r, 50));
      const lines = text.trim().split('\n');
      expect(lines.filter((l) => l.includes('/livez'))).to.deep.equal([]);
      expect(lines.filter((l) => l.includes('/v1/drops/nope'))).to.have.length(1);
      expect(lines.find((l) => l.includes('/v1/drops/nope'))).to.match(
        /^\d\d:\d\d:\d\d INFO {2}GET \/v1\/drops\/nope 404 \d+ ms {2}req=/,
      );
      expect(text).to.not.match(ANSI).and.not.include('"level"');
    } finally {
      await t.close();
    }
  });

  it('JSON lines carry ISO times', async () => {
    const t = await startTestServer();
    try {
      await t.client.get('/livez');
      const request = t.logs.find((l) => l['msg'] === 'request')!;
      expect(request['time']).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    } finally {
      await t.close();
    }
  });
});
