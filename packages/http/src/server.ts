import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ADAPTER_TOKENS,
  createContainer,
  DEFAULT_LIMITS,
  type CheckoutRuntime,
  type Config,
  type ContainerOptions,
  type DataAdapters,
  type NotificationRuntime,
  type Readiness,
  type SessionCache,
} from '@livedrops/adapters';
import { TOKENS, type Ports, type UseCases } from '@livedrops/core';
import { FAIR_ACCESS_TOKENS, type Container, type FairAccessRuntime } from '@livedrops/adapters';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import { CursorSigner } from './cursor-signer.js';
import { answerClientErrors, MAX_HEADER_BYTES } from './client-errors.js';
import { attachGraphQLWs } from './graphql/ws-server.js';
import type { RequestLog } from './middleware/request-context.js';
import { createLogger, defaultLogFormat } from './logger.js';
import { DEFAULT_SWEEPER_TUNING, IdempotencySweeper, type SweeperTuning } from './idempotency-sweeper.js';
import { adapterInstrumentation, createMetrics, type Metrics } from './metrics.js';
import { checkoutObserver, watchHolds } from './checkout-metrics.js';
import { fairAccessObserver, watchQueues } from './fair-access-metrics.js';
import { DEFAULT_STREAM_TUNING, LiveStreams, type StreamTuning } from './streams/live-streams.js';
import { runtimeTuningFromEnv } from './sse/runtime-env.js';

export interface ServerOptions extends ContainerOptions {
  /**
   * An embedder's container (`createContainer`), used as given: the container options above
   * (policy, observers, instrumentation) are then the embedder's to pass to it. The server
   * starts its loops and unbinds it on close.
   */
  container?: Container;
  logger?: Logger;
  /** How long /readyz reports 503 before the listener closes, so load balancers stop routing here. */
  shutdownDelayMs?: number;
  /** In-flight requests still running after this are cut off. */
  drainTimeoutMs?: number;
  /** Notification stream limits and heartbeat (tests shorten the heartbeat). */
  streams?: Partial<StreamTuning>;
  /** Idempotency-key expiry (tests shorten the interval). */
  sweeper?: Partial<SweeperTuning>;
  /** Which requests the access log shows at info: `all` (default) or only failures and slow ones. */
  requestLog?: RequestLog;
  /** Called with the URL once listening, instead of the `listening` log line (a person's first line). */
  announce?: (url: string) => void;
  /** The built web app's directory (packages/web `webDir()`); the pages go without scripts when absent. */
  webDir?: string;
}

export interface ServerHandle {
  server: Server;
  url: string;
  /** Graceful shutdown: readiness 503, stop accepting, finish in-flight requests, close connections to dependencies. */
  close(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Builds the container (which runs migrations), the app, and listens on config.host:port. */
export async function startServer(config: Config, options: ServerOptions = {}): Promise<ServerHandle> {
  const logger = options.logger ?? createLogger(config.logLevel, undefined, config.logFormat ?? defaultLogFormat());
  const metrics = createMetrics();
  const limits = config.limits ?? DEFAULT_LIMITS;
  const container =
    options.container ??
    (await createContainer(config, {
      ...options,
      policy: {
        registrations: { limit: limits.registerPerHour, windowMs: 3_600_000 },
        loginFailuresPerAddress: { limit: limits.loginFailuresPerAddress, windowMs: 15 * 60_000 },
        ...options.policy,
      },
      notifications: { ...runtimeTuningFromEnv(process.env), ...options.notifications },
      instrumentation: options.instrumentation ?? adapterInstrumentation(metrics),
      observer: {
        outboxLag: (ms) => metrics.outboxLag.set(ms / 1000),
        fanoutBatch: (n) => metrics.fanoutBatchSize.observe(n),
        error: (err, where) => logger.error({ err, where }, 'notification loop failed'),
        ...options.observer,
      },
      checkout: { ...options.checkout, observer: options.checkout?.observer ?? checkoutObserver(metrics) },
      fairAccessObserver: options.fairAccessObserver ?? fairAccessObserver(metrics),
    }));
  const useCases = container.get<UseCases>(TOKENS.UseCases);
  const readiness = container.get<Readiness>(ADAPTER_TOKENS.Readiness);
  const runtime = container.get<NotificationRuntime>(ADAPTER_TOKENS.Notifications);
  await runtime.start();
  const ports = container.get<Ports>(TOKENS.Ports);
  watchHolds(metrics, () => ports.holds.openCount());
  watchQueues(metrics, () => ports.queues.waitingCount());
  const checkout = container.get<CheckoutRuntime>(ADAPTER_TOKENS.Checkout);
  checkout.start();
  // Fair access: draws are made at their close by whichever instance gets there first.
  container.get<FairAccessRuntime>(FAIR_ACCESS_TOKENS.Runtime).start();
  const keySweeper = new IdempotencySweeper(ports, { ...DEFAULT_SWEEPER_TUNING, ...options.sweeper }, (err) =>
    logger.error({ err }, 'idempotency sweep failed'),
  );
  keySweeper.start();
  const streams = liveStreams(runtime, useCases, metrics, {
    ...DEFAULT_STREAM_TUNING,
    maxStreamsPerUser: limits.streamsPerUser,
    maxStreamsPerInstance: limits.streamsPerInstance,
    ...options.streams,
  });
  // A logout anywhere ends the session's streams here: at once for ours, within a poll for others'.
  container.get<SessionCache>(ADAPTER_TOKENS.Sessions).onRevoked((hash) => streams.sessions.revoke(hash));
  let shuttingDown = false;
  const graphqlIntrospection = config.graphqlIntrospection ?? true;
  const data = container.get<DataAdapters>(ADAPTER_TOKENS.Data);
  const cursorSecret = limits.cursorSecret ?? (await data.secret?.('cursor_secret'));
  const cursors = new CursorSigner(cursorSecret);
  const isShuttingDown = (): boolean => shuttingDown;
  const app = createApp({
    useCases,
    readiness,
    logger,
    metrics,
    isShuttingDown,
    streams,
    graphqlIntrospection,
    cursors,
    limits,
    mediaBaseUrl: config.mediaBaseUrl,
    webDir: options.webDir,
    ...(options.requestLog && { requestLog: options.requestLog }),
  });
  const server = createServer(
    {
      maxHeaderSize: MAX_HEADER_BYTES,
      headersTimeout: limits.requestTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // How often Node checks those two timeouts (default 30 s, which would triple them).
      connectionsCheckingInterval: Math.min(1_000, limits.requestTimeoutMs),
    },
    app.callback(),
  );
  answerClientErrors(server, logger);
  const graphqlWs = attachGraphQLWs(server, { useCases, streams, logger, introspection: graphqlIntrospection });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  if (options.announce) {
    logger.debug({ url }, 'listening');
    options.announce(url);
  } else logger.info({ url }, 'listening');

  let closing: Promise<void> | undefined;
  const shutdown = async (): Promise<void> => {
    shuttingDown = true;
    logger.info('shutting down');
    if (options.shutdownDelayMs) await sleep(options.shutdownDelayMs);
    const drained = new Promise<void>((resolve) => server.close(() => resolve()));
    // Streams never end on their own; ending them lets their clients reconnect elsewhere.
    streams.closeAll();
    const wsClosed = graphqlWs.close();
    // Idle keep-alive sockets would hold close() open until they time out; busy ones finish
    // their request first and are closed as they fall idle.
    server.closeIdleConnections();
    const sweeper = setInterval(() => server.closeIdleConnections(), 100);
    const timer = setTimeout(() => server.closeAllConnections(), options.drainTimeoutMs ?? 10_000);
    await Promise.all([drained, wsClosed]);
    clearInterval(sweeper);
    clearTimeout(timer);
    await runtime.stop();
    await checkout.stop();
    await keySweeper.stop();
    await container.unbindAllAsync();
    logger.info('stopped');
  };
  return { server, url, close: () => (closing ??= shutdown()) };
}

/** The instance's live streams, reporting to the notification metrics. */
function liveStreams(
  runtime: NotificationRuntime,
  useCases: UseCases,
  metrics: Metrics,
  tuning: StreamTuning,
): LiveStreams {
  return new LiveStreams(runtime.hub, useCases.notifications, tuning, {
    connected: (n) => metrics.notificationStreams.set(n),
    delivered: (n) =>
      metrics.notificationDeliveryLag.observe({ type: n.type }, Math.max(0, Date.now() - n.createdAt) / 1000),
  });
}

/** SIGTERM/SIGINT: graceful close, then exit 0 (1 if closing failed). Returns an uninstaller. */
export function installSignalHandlers(handle: ServerHandle, logger?: Logger): () => void {
  const onSignal = (signal: NodeJS.Signals): void => {
    logger?.info({ signal }, 'signal received');
    handle.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger?.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  return () => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  };
}
