import { connect } from 'node:net';
import { expect } from 'chai';
import { createLogger } from '../src/index.js';
import { startTestServer, type TestServer } from './support/harness.js';

const PLANTED = 'ld_PLANTEDsecretTOKENxyzzy0123456789abcdefABCDEF';

/** Writes `raw` on a fresh connection; resolves with everything the server sent back before closing. */
function rawExchange(url: string, raw: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(raw));
    let got = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (got += d));
    socket.on('close', () => resolve(got));
    socket.on('error', (e) => (got ? resolve(got) : reject(e)));
  });
}

const head = (lines: string[]): string => `${lines.join('\r\n')}\r\n\r\n`;
const auth = `Authorization: Bearer ${PLANTED}`;
const passwordBody = JSON.stringify({ handle: 'someone', password: PLANTED });

/** Requests Node's HTTP parser refuses before any handler runs, each carrying the planted secret. */
const MALFORMED: Array<[string, string, number]> = [
  [
    'bad chunk size',
    `${head(['POST /v1/orders HTTP/1.1', 'Host: x', auth, 'Transfer-Encoding: chunked'])}zz\r\n${passwordBody}\r\n0\r\n\r\n`,
    400,
  ],
  [
    'Content-Length with Transfer-Encoding',
    head([
      'POST /v1/auth/login HTTP/1.1',
      'Host: x',
      auth,
      `Content-Length: ${passwordBody.length}`,
      'Transfer-Encoding: chunked',
    ]) + passwordBody,
    400,
  ],
  ['control character in a header', head(['GET /v1/me HTTP/1.1', 'Host: x', auth, 'X-Junk: a\x01b']), 400],
  ['oversized headers', head(['GET /v1/me HTTP/1.1', 'Host: x', auth, `X-Pad: ${'a'.repeat(20_000)}`]), 431],
  ['garbage request line', `GE\x00T / ${PLANTED}\r\n${auth}\r\n\r\n`, 400],
];

describe('secrets never reach the log', () => {
  let t: TestServer;
  before(async () => (t = await startTestServer()));
  after(() => t.close());

  for (const [label, raw, status] of MALFORMED) {
    it(`answers ${label} with a ${status} problem+json carrying a request id`, async () => {
      const reply = await rawExchange(t.url, raw);
      const [headText = '', body = ''] = reply.split('\r\n\r\n');
      expect(headText.split('\r\n')[0]).to.match(new RegExp(`^HTTP/1\\.1 ${status} `));
      expect(headText).to.match(/\r\nContent-Type: application\/problem\+json/i);
      expect(headText).to.match(/\r\nX-Request-Id: [0-9a-f-]{36}/i);
      const problem = JSON.parse(body);
      expect(problem).to.include({ status, code: status === 431 ? 'headers_too_large' : 'validation_failed' });
      expect(reply).not.to.include(PLANTED);
    });
  }

  it('logs refused packets by parser code only, never their bytes', async () => {
    await Promise.all(MALFORMED.map(([, raw]) => rawExchange(t.url, raw)));
    // And the same secret through every ordinary route that takes one.
    await t.client.post('/v1/auth/login', { body: { handle: 'nobody_here', password: PLANTED } });
    await t.client.get('/v1/me', { token: PLANTED });
    await t.client.get(`/v1/me/notifications/stream?ticket=${PLANTED.slice(3)}`);
    const log = t.rawLogs.join('');
    expect(log).not.to.include(PLANTED);
    expect(log).not.to.include(PLANTED.slice(3));
    expect(log).not.to.match(/rawPacket/);
    const refused = t.logs.filter((l) => l['msg'] === 'malformed request refused');
    expect(refused.length).to.be.at.least(MALFORMED.length);
    for (const line of refused) expect(line['parserCode']).to.be.a('string');
  });

  it('redacts credential fields wherever an object drags them into a log line', () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (l: string) => void lines.push(l) });
    const parserError = Object.assign(new Error('Parse Error: Invalid header value char'), {
      code: 'HPE_INVALID_HEADER_TOKEN',
      rawPacket: Buffer.from(`GET / HTTP/1.1\r\n${auth}\r\n\r\n`),
    });
    logger.warn({ err: parserError }, 'parser');
    logger.info({ password: PLANTED, token: PLANTED, ticket: PLANTED, cookie: PLANTED }, 'top level');
    logger.info(
      {
        body: { password: PLANTED },
        user: { token: PLANTED },
        req: { headers: { authorization: PLANTED, cookie: PLANTED } },
      },
      'nested',
    );
    logger.info({ a: { b: { password: PLANTED, authorization: PLANTED } } }, 'two deep');
    const text = lines.join('');
    expect(text).not.to.include(PLANTED);
    expect(text).not.to.include(PLANTED.toString());
    expect(text).not.to.include(Buffer.from(PLANTED).toString('hex'));
    expect(text).to.include('HPE_INVALID_HEADER_TOKEN');
  });
});
