import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DomainError, UnavailableError, type UseCases } from '@livedrops/core';
import { expect } from 'chai';
import { createApp, createLogger, createMetrics } from '../src/index.js';
import { expectProblem, Client } from './support/client.js';

/** A UseCases whose every method throws `failure()`: the error middleware in isolation. */
function failing(failure: () => unknown): UseCases {
  const thrower = new Proxy(
    {},
    {
      get: () => async () => {
        throw failure();
      },
    },
  );
  return new Proxy({} as UseCases, { get: () => thrower });
}

async function serve(
  useCases: UseCases,
  readiness: () => Promise<Record<string, 'up' | 'down'>>,
  lines: string[],
): Promise<{ api: Client; server: Server }> {
  const logger = createLogger('info', { write: (l: string) => void lines.push(l) });
  const app = createApp({ useCases, readiness, logger, metrics: createMetrics() });
  const server = createServer(app.callback());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { api: new Client(`http://127.0.0.1:${(server.address() as AddressInfo).port}`), server };
}

describe('error middleware (createApp in isolation)', () => {
  const servers: Server[] = [];
  after(() => servers.forEach((s) => s.close()));

  it('an unexpected error is a bare 500 logged with the request id, revealing nothing', async () => {
    const lines: string[] = [];
    const secret = 'SELECT password_hash FROM users WHERE id = 42';
    const { api, server } = await serve(
      failing(() => new Error(secret)),
      async () => ({ db: 'up' }),
      lines,
    );
    servers.push(server);
    const res = await api.get('/v1/drops/abc', { headers: { 'X-Request-Id': 'boom-1' } });
    expect(res.status).to.equal(500);
    expect(res.json).to.include({ status: 500, requestId: 'boom-1' });
    expect(res.text).to.not.include('password_hash');
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['reqId'] === 'boom-1');
    expect(logged.some((l) => l['msg'] === 'unhandled error' && JSON.stringify(l).includes('password_hash'))).to.equal(
      true,
    );
  });

  it('a dependency failure (UnavailableError) is a 503 unavailable problem', async () => {
    const { api, server } = await serve(
      failing(() => new UnavailableError('database')),
      async () => ({ db: 'up' }),
      [],
    );
    servers.push(server);
    expectProblem(await api.get('/v1/products'), 503, 'unavailable');
  });

  it('a domain error from a second copy of the core still maps by its code', async () => {
    const foreign = Object.assign(new Error('nope'), { code: 'forbidden', extensions: {} });
    const { api, server } = await serve(
      failing(() => foreign),
      async () => ({ db: 'up' }),
      [],
    );
    servers.push(server);
    expectProblem(await api.get('/v1/products'), 403, 'forbidden');
    expect(new DomainError('forbidden', 'x')).to.be.instanceOf(Error);
  });

  it('/readyz is 503 naming the dependency that is down, or when the probe itself fails', async () => {
    const down = await serve(
      failing(() => new Error('x')),
      async () => ({ database: 'up', cache: 'down' }),
      [],
    );
    const broken = await serve(
      failing(() => new Error('x')),
      () => Promise.reject(new Error('probe crashed')),
      [],
    );
    servers.push(down.server, broken.server);
    const a = expectProblem(await down.api.get('/readyz'), 503, 'unavailable');
    expect(a.checks).to.deep.equal({ database: 'up', cache: 'down' });
    expect(a.detail).to.include('cache');
    expectProblem(await broken.api.get('/readyz'), 503, 'unavailable');
  });

  it('several apps (each with its own metrics registry) live in one process', () => {
    expect(() => [createMetrics(), createMetrics(), createMetrics()]).to.not.throw();
  });
});
