import { UnavailableError } from '@livedrops/core';
import amqp, { type ChannelModel, type ConfirmChannel } from 'amqplib';

/** Runs after every (re)connect: declares what it needs and starts consuming. */
export type AmqpSetup = (model: ChannelModel) => Promise<void>;

export interface AmqpConnectionOptions {
  /** The durable topic exchange every domain event is published to. */
  exchange: string;
  /** Reconnect delays grow from `minBackoffMs` to `maxBackoffMs` (with jitter). */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** PEM of the CA to verify an amqps:// broker against (else the system's CAs). */
  ca?: Buffer;
}

/**
 * One AMQP connection per process that keeps itself up: when the broker goes away (restart,
 * network) it reconnects with jittered exponential backoff and runs every registered setup
 * again (queues, bindings, consumers), so service resumes by itself. Publishing goes through
 * one confirm channel; while there is none, publishers get UnavailableError at once.
 */
export class AmqpConnection {
  private model: ChannelModel | undefined;
  private confirm: ConfirmChannel | undefined;
  private readonly setups = new Set<AmqpSetup>();
  private attempt = 0;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private connecting: Promise<void> | undefined;
  private waiters: Array<() => void> = [];

  constructor(
    private readonly url: string,
    readonly opts: AmqpConnectionOptions,
  ) {}

  get up(): boolean {
    return this.confirm !== undefined;
  }

  /** Starts connecting and waits for the first connection at most `ms` (a broker down at boot is retried). */
  async open(ms = 3_000): Promise<void> {
    this.connecting ??= this.connect();
    await Promise.race([this.ready(), new Promise<void>((r) => setTimeout(r, ms).unref())]);
  }

  /** Resolves once connected. */
  ready(): Promise<void> {
    return this.up ? Promise.resolve() : new Promise((r) => this.waiters.push(r));
  }

  /** The confirm channel to publish on, or UnavailableError while disconnected. */
  channel(): ConfirmChannel {
    if (!this.confirm) throw new UnavailableError('amqp');
    return this.confirm;
  }

  /** Registers `setup`, running it now when connected; it runs again after every reconnect. */
  async register(setup: AmqpSetup): Promise<void> {
    this.setups.add(setup);
    if (this.model) await setup(this.model);
  }

  unregister(setup: AmqpSetup): void {
    this.setups.delete(setup);
  }

  async ping(): Promise<void> {
    if (!this.up) throw new UnavailableError('amqp');
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    let model: ChannelModel | undefined;
    try {
      // amqps:// checks the broker's certificate and name; a CA file replaces the system's CAs.
      model = await amqp.connect(withHeartbeat(this.url), this.opts.ca ? { ca: [this.opts.ca] } : {});
      const m = model;
      m.on('error', () => undefined); // 'close' follows, and handles it
      m.on('close', () => this.lost(m));
      const ch = await m.createConfirmChannel();
      ch.on('error', () => undefined);
      ch.on('close', () => void m.close().catch(() => undefined)); // a broken publish channel: start over
      await ch.assertExchange(this.opts.exchange, 'topic', { durable: true });
      this.model = m;
      for (const setup of [...this.setups]) await setup(m);
      this.confirm = ch;
      this.attempt = 0;
      for (const w of this.waiters.splice(0)) w();
    } catch {
      this.model = undefined;
      this.confirm = undefined;
      await model?.close().catch(() => undefined);
      this.retry();
    }
  }

  private lost(model: ChannelModel): void {
    if (this.model !== model) return;
    this.model = undefined;
    this.confirm = undefined;
    this.retry();
  }

  private retry(): void {
    if (this.closed || this.timer) return;
    const base = Math.min((this.opts.minBackoffMs ?? 100) * 2 ** this.attempt++, this.opts.maxBackoffMs ?? 5_000);
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        void this.connect();
      },
      base * (0.5 + Math.random() / 2),
    );
    this.timer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    const model = this.model;
    this.model = undefined;
    this.confirm = undefined;
    await model?.close().catch(() => undefined);
  }
}

/** A dead broker (no FIN: a crash, a partition) is noticed after two missed 5 s heartbeats. */
function withHeartbeat(url: string): string {
  const u = new URL(url);
  if (!u.searchParams.has('heartbeat')) u.searchParams.set('heartbeat', '5');
  return u.toString();
}

/** Deletes an exchange and the queues named after it (test teardown; a live deployment never calls it). */
export async function deleteAmqpExchange(url: string, exchange: string, queues: readonly string[] = []): Promise<void> {
  const conn = await amqp.connect(url);
  try {
    const ch = await conn.createChannel();
    ch.on('error', () => undefined);
    for (const q of queues) await ch.deleteQueue(q).catch(() => undefined);
    await ch.deleteExchange(exchange).catch(() => undefined);
  } finally {
    await conn.close().catch(() => undefined);
  }
}
