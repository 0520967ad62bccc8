import net from 'node:net';

/**
 * A loopback TCP proxy in front of a real service, so a test can take the service away
 * from one client (every connection reset, new ones refused) and give it back, without
 * stopping the service for anyone else.
 */
export class TcpProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  /** A started proxy to `port` on `host`. */
  static to(port: number, host = '127.0.0.1'): Promise<TcpProxy> {
    return new TcpProxy({ host, port }).start();
  }

  /** Listens (on a free port the first time, on the same port after a cut). */
  async start(): Promise<this> {
    if (this.server) return this;
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('error', () => undefined).on('close', () => this.sockets.delete(s));
      }
      client.pipe(upstream).pipe(client);
      const end = () => (client.destroy(), upstream.destroy());
      client.on('close', end);
      upstream.on('close', end);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
    return this;
  }

  /** Every open connection is reset and new ones are refused, as when the service dies. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Accepts connections again, on the same port. */
  restore(): Promise<this> {
    return this.start();
  }

  close(): Promise<void> {
    return this.cut();
  }
}

/** Null when something accepts TCP connections at `url`'s host and port; otherwise why not. */
export function probeTcp(url: string, defaultPort: number): Promise<string | null> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = net.connect(Number(u.port || defaultPort), u.hostname);
    s.setTimeout(1_500, () => (s.destroy(), resolve('timed out')));
    s.once('connect', () => (s.destroy(), resolve(null)));
    s.once('error', (e) => resolve(e.message));
  });
}
