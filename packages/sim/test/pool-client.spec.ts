import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { PoolClient } from '../src/client/pool-client.js';

/** The waiting-room users' client answers as HttpClient does, over a real socket. */
describe('sim PoolClient', () => {
  let server: Server;
  let url: string;
  let connections = 0;
  before(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (req.url === '/slow') return void setTimeout(() => res.end('late'), 2_000);
        if (req.url === '/cut') return void req.socket.destroy();
        if (req.url === '/text') return void res.end('plain');
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ auth: req.headers.authorization ?? null, body: body ? JSON.parse(body) : null }));
      });
    });
    server.on('connection', () => connections++);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('sends the token and JSON body, parses JSON answers, keeps text as text, reuses its sockets', async () => {
    const client = new PoolClient(url, 16);
    try {
      expect(await client.preconnect(16)).to.equal(16);
      const before = connections;
      const replies = await Promise.all(
        Array.from({ length: 200 }, (_, i) => client.request('POST', '/x', { token: `t${i}`, body: { i } })),
      );
      replies.forEach((r, i) =>
        expect(r).to.deep.include({ kind: 'response', status: 200, body: { auth: `Bearer t${i}`, body: { i } } }),
      );
      expect(connections).to.equal(before);
      expect(await client.request('GET', '/text')).to.deep.include({ kind: 'response', body: 'plain' });
    } finally {
      client.close();
    }
  });

  it('tells a refused connection from a timeout and a reset', async () => {
    const refused = new PoolClient('http://127.0.0.1:1', 1);
    const client = new PoolClient(url, 4);
    try {
      expect(await refused.request('GET', '/')).to.deep.equal({ kind: 'error', error: 'refused' });
      expect(await client.request('GET', '/slow', { timeoutMs: 100 })).to.deep.equal({
        kind: 'error',
        error: 'timeout',
      });
      expect(await client.request('GET', '/cut')).to.deep.equal({ kind: 'error', error: 'reset' });
    } finally {
      refused.close();
      client.close();
    }
  });
});
