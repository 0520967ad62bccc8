import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  appendFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect, createServer as createTcpServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';

/** Whether every tool the TLS endpoints need is on this machine; null when so, else what is missing. */
export function missingTlsTools(): string | null {
  for (const tool of ['openssl', 'initdb', 'pg_ctl', 'redis-server']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      return `${tool} is not installed`;
    }
  }
  return null;
}

export interface TestPki {
  dir: string;
  /** The CA that signed the servers' certificate, and an unrelated one (the wrong CA). */
  caFile: string;
  wrongCaFile: string;
  certFile: string;
  keyFile: string;
}

/** A throwaway CA and a server certificate for `localhost` and 127.0.0.1 it signed, plus a second, unrelated CA. */
export function makePki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'livedrops-tls-'));
  chmodSync(dir, 0o755);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  ssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=livedrops test CA');
  ssl(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'wrong.key',
    '-out',
    'wrong.pem',
    '-days',
    '2',
    '-subj',
    '/CN=livedrops test CA',
  );
  ssl('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost');
  writeFileSync(
    join(dir, 'ext.cnf'),
    'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n',
  );
  ssl(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.pem',
    '-days',
    '2',
    '-extfile',
    'ext.cnf',
  );
  chmodSync(join(dir, 'server.key'), 0o644);
  return {
    dir,
    caFile: join(dir, 'ca.pem'),
    wrongCaFile: join(dir, 'wrong.pem'),
    certFile: join(dir, 'server.pem'),
    keyFile: join(dir, 'server.key'),
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createTcpServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

const asRoot = process.getuid?.() === 0;
/** PostgreSQL refuses to run as root: as root, its tools run as the `postgres` user. */
const pgTool = (cmd: string, args: string[]) =>
  execFileSync(asRoot ? 'runuser' : cmd, asRoot ? ['-u', 'postgres', '--', cmd, ...args] : args, { stdio: 'pipe' });

/** A PostgreSQL cluster of the test's own (initdb), serving TLS only with the test CA's certificate; trust auth. */
export async function startTlsPostgres(pki: TestPki): Promise<{ port: number; stop(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'livedrops-pgtls-'));
  const data = join(dir, 'data');
  mkdirSync(data, { mode: 0o700 });
  if (asRoot)
    for (const d of [dir, data])
      chownSync(d, Number(execFileSync('id', ['-u', 'postgres'])), Number(execFileSync('id', ['-g', 'postgres'])));
  pgTool('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  for (const [from, to] of [
    [pki.certFile, 'server.pem'],
    [pki.keyFile, 'server.key'],
  ] as const) {
    copyFileSync(from, join(data, to));
    if (asRoot)
      chownSync(
        join(data, to),
        Number(execFileSync('id', ['-u', 'postgres'])),
        Number(execFileSync('id', ['-g', 'postgres'])),
      );
  }
  chmodSync(join(data, 'server.key'), 0o600);
  const port = await freePort();
  appendFileSync(
    join(data, 'postgresql.conf'),
    [
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${dir}'`,
      'ssl = on',
      "ssl_cert_file = 'server.pem'",
      "ssl_key_file = 'server.key'",
      'fsync = off',
      'max_connections = 40',
      '',
    ].join('\n'),
  );
  // TLS or nothing: a plain connection is refused by the server, not just not attempted by us.
  writeFileSync(join(data, 'pg_hba.conf'), 'hostssl all all 127.0.0.1/32 trust\n');
  pgTool('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '30', 'start']);
  return {
    port,
    stop: () => {
      try {
        pgTool('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** redis-server with a TLS port only (no plain port), presenting the test CA's certificate. */
export async function startTlsRedis(pki: TestPki): Promise<{ port: number; stop(): void }> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    'redis-server',
    [
      '--port',
      '0',
      '--tls-port',
      String(port),
      '--tls-cert-file',
      pki.certFile,
      '--tls-key-file',
      pki.keyFile,
      '--tls-ca-cert-file',
      pki.caFile,
      '--tls-auth-clients',
      'no',
      '--save',
      '',
      '--appendonly',
      'no',
      '--bind',
      '127.0.0.1',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 10_000;
  while (!/Ready to accept connections/.test(out)) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`redis-server --tls-port did not start: ${out.slice(-500)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { port, stop: () => void child.kill('SIGKILL') };
}

/** A TLS-terminating proxy in front of a plain TCP service (RabbitMQ on 5672), with the test CA's certificate. */
export async function startTlsProxy(
  pki: TestPki,
  target: { host: string; port: number },
): Promise<{ port: number; stop(): Promise<void> }> {
  const sockets = new Set<import('node:net').Socket>();
  const server: TlsServer = createTlsServer(
    { cert: readFileSync(pki.certFile), key: readFileSync(pki.keyFile) },
    (client) => {
      const upstream = connect(target.port, target.host);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => sockets.delete(s));
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    },
  );
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    stop: () => {
      for (const s of sockets) s.destroy();
      return new Promise((r) => server.close(() => r()));
    },
  };
}
