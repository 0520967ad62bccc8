import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { HttpClient } from '../src/client/http-client.js';

describe('sim HttpClient', () => {
  let server: Server;
  let url: string;
  let connections = 0;
  before(async () => {
    server = createServer((_req, res) => setTimeout(() => res.end('ok'), 5));
    server.on('connection', () => connections++);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('preconnect opens the whole pool up front, and the load then reuses it without a new connection', async () => {
    const client = new HttpClient(url, 64);
    try {
      expect(await client.preconnect(64)).to.equal(64);
      expect(connections).to.equal(64);
      // 64 requests at once, as the load's first burst would send them: all on warm sockets.
      const replies = await Promise.all(
        Array.from({ length: 64 }, () => client.request('GET', '/x', { parse: false })),
      );
      expect(replies.every((r) => r.kind === 'response' && r.status === 200)).to.equal(true);
      expect(connections).to.equal(64);
    } finally {
      client.close();
    }
  });
});
