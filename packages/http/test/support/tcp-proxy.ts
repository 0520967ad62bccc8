import net from 'node:net';

/** Forwards to a service until cut (every connection reset, new ones refused); restore listens again. */
export class TcpProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<this> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('error', () => undefined).on('close', () => (this.sockets.delete(s), client.destroy(), upstream.destroy()));
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  restore(): Promise<this> {
    return this.start();
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
