import { readFileSync, rmSync } from 'node:fs';
import { expect } from 'chai';
import pg from 'pg';
import {
  ADAPTER_TOKENS,
  createContainer,
  deleteAmqpExchange,
  loadConfig,
  RedisConnection,
  type Readiness,
} from '../src/index.js';
import { AmqpConnection } from '../src/rabbitmq/amqp-connection.js';
import { probeRabbit } from './services/rabbitmq-test.js';
import { mustHaveServices } from '@livedrops/test-support';
import {
  makePki,
  missingTlsTools,
  startTlsPostgres,
  startTlsProxy,
  startTlsRedis,
  type TestPki,
} from './services/tls-endpoints.js';

const problem = missingTlsTools() ?? (await probeRabbit());
if (problem && !mustHaveServices())
  console.warn(`\n!!! ${problem}: the TLS dependency tests are SKIPPED (CI=true makes this a failure)\n`);

/**
 * TLS to every dependency against real TLS endpoints made here: a PostgreSQL cluster of the
 * test's own (initdb, `ssl = on`, hostssl only), redis-server with a TLS port only, and a
 * TLS-terminating proxy in front of the machine's RabbitMQ, all with a certificate for
 * localhost signed by a throwaway CA. With that CA every connection is made and verified;
 * with an unrelated CA every one is refused.
 */
(problem && !mustHaveServices() ? describe.skip : describe)('TLS to PostgreSQL, Redis and RabbitMQ', function () {
  this.timeout(60_000);
  let pki: TestPki;
  let postgres: { port: number; stop(): void };
  let redis: { port: number; stop(): void };
  let rabbit: { port: number; stop(): Promise<void> };
  const exchange = `ldtest.tls.${process.pid}`;

  before(async () => {
    if (problem) throw new Error(problem);
    pki = makePki();
    [postgres, redis, rabbit] = await Promise.all([
      startTlsPostgres(pki),
      startTlsRedis(pki),
      startTlsProxy(pki, { host: '127.0.0.1', port: 5672 }),
    ]);
  });
  after(async () => {
    postgres?.stop();
    redis?.stop();
    await rabbit?.stop();
    await deleteAmqpExchange('amqp://guest:guest@127.0.0.1:5672', exchange).catch(() => undefined);
    if (pki) rmSync(pki.dir, { recursive: true, force: true });
  });

  const pgUrl = (ca: string) =>
    `postgres://postgres@localhost:${postgres.port}/postgres?sslmode=verify-full&sslrootcert=${encodeURIComponent(ca)}`;

  it('connects to all three over verified TLS with the right CA, and serves from them', async () => {
    const config = loadConfig({
      DATABASE_URL: pgUrl(pki.caFile),
      REDIS_URL: `rediss://localhost:${redis.port}`,
      REDIS_CA_FILE: pki.caFile,
      REDIS_PREFIX: `ldtest:tls:${process.pid}:`,
      AMQP_URL: `amqps://guest:guest@localhost:${rabbit.port}`,
      AMQP_CA_FILE: pki.caFile,
      AMQP_EXCHANGE: exchange,
    });
    const container = await createContainer(config);
    try {
      expect(await container.get<Readiness>(ADAPTER_TOKENS.Readiness)()).to.deep.equal({
        database: 'up',
        redis: 'up',
        amqp: 'up',
      });
      const client = new pg.Client({ connectionString: pgUrl(pki.caFile) });
      await client.connect();
      const { rows } = await client.query('SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
      await client.end();
      expect(rows[0].ssl).to.equal(true);
      expect(rows[0].version).to.match(/^TLSv1\.[23]$/);
    } finally {
      await container.unbindAllAsync();
    }
  });

  it('refuses PostgreSQL with a certificate the given CA did not sign', async () => {
    const err = await createContainer(loadConfig({ DATABASE_URL: pgUrl(pki.wrongCaFile) })).then(
      () => null,
      (e: Error) => e,
    );
    expect(err, 'start-up must fail').to.be.instanceOf(Error);
    expect(String((err as Error & { cause?: unknown }).cause ?? err)).to.match(/certificate|self.signed|verify/i);
  });

  it('refuses Redis with the wrong CA, and with no CA (the system store does not know the test CA)', async () => {
    for (const ca of [readCa(pki.wrongCaFile), undefined]) {
      const conn = new RedisConnection({ url: `rediss://localhost:${redis.port}`, prefix: 'ldtest:tls:', ca });
      await conn.open(1_500);
      const err = await conn.ping().then(
        () => null,
        (e: Error) => e,
      );
      await conn.close();
      expect(err?.message, 'the ping must fail').to.match(/unavailable|redis/i);
    }
  });

  it('refuses RabbitMQ with the wrong CA', async () => {
    const amqp = new AmqpConnection(`amqps://guest:guest@localhost:${rabbit.port}`, {
      exchange,
      ca: Buffer.from(readCa(pki.wrongCaFile)),
    });
    await amqp.open(1_500);
    const up = amqp.up;
    await amqp.close();
    expect(up).to.equal(false);
  });

  it('refuses a CA file setting without a TLS URL, or one that cannot be read', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_CA_FILE: pki.caFile })).to.throw(
      /REDIS_CA_FILE/,
    );
    expect(() => loadConfig({ AMQP_URL: 'amqps://h', AMQP_CA_FILE: '/nonexistent/ca.pem' })).to.throw(/AMQP_CA_FILE/);
  });
});

const readCa = (file: string): string => readFileSync(file, 'utf8');
