import { DEFAULT_LIMITS, InProcessHub, type Limits } from '@livedrops/adapters';
import type { UseCases } from '@livedrops/core';
import Koa from 'koa';
import type { Logger } from 'pino';
import { CursorSigner } from './cursor-signer.js';
import type { Metrics } from './metrics.js';
import { OrderAttempts } from './order-attempts.js';
import { cors } from './middleware/cors.js';
import { errorHandler } from './middleware/error-handler.js';
import { requestContext, type RequestLog } from './middleware/request-context.js';
import { buildOpenApi } from './openapi.js';
import type { AppState } from './routing/route.js';
import { fallback, mountRoutes } from './routing/mount.js';
import type { AnyRoute } from './routing/route.js';
import { accountRoutes } from './routes/accounts.routes.js';
import { creatorRoutes } from './routes/creators.routes.js';
import { dropRoutes } from './routes/drops.routes.js';
import { followRoutes } from './routes/follows.routes.js';
import { opsRoutes } from './routes/ops.routes.js';
import { orderRoutes } from './routes/orders.routes.js';
import { notificationRoutes } from './routes/notifications.routes.js';
import { productRoutes } from './routes/products.routes.js';
import { graphqlRoutes } from './routes/graphql.routes.js';
import { mediaRoutes } from './routes/media.routes.js';
import { searchRoutes } from './routes/search.routes.js';
import { checkoutRoutes } from './routes/checkout.routes.js';
import { waitlistRoutes } from './routes/waitlist.routes.js';
import { fairAccessRoutes } from './routes/fair-access.routes.js';
import { MediaUrls } from './media-urls.js';
import { LiveStreams } from './streams/live-streams.js';
import { loadWebShell, type WebShell } from './web/web-assets.js';
import { webPages } from './web/web-pages.js';

export const API_VERSION = '1.0.0';

export interface AppDeps {
  useCases: UseCases;
  readiness: () => Promise<Record<string, 'up' | 'down'>>;
  logger: Logger;
  metrics: Metrics;
  /** True once graceful shutdown has begun: /readyz answers 503 and connections are not kept alive. */
  isShuttingDown?: () => boolean;
  /** The instance's notification streams; without one (tests of the app alone) streams have no events. */
  streams?: LiveStreams;
  /** GraphQL introspection and the served SDL; on unless configured off. */
  graphqlIntrospection?: boolean;
  /** MEDIA_BASE_URL: image URLs start with it; unset, they are this server's `/media/…` paths. */
  mediaBaseUrl?: string | undefined;
  /** Which requests the access log shows at info (default `all`). */
  requestLog?: RequestLog;
  /** Abuse limits and exposure settings; the defaults when absent. */
  limits?: Limits;
  /** Signs list cursors with the deployment's key; a per-process key when absent. */
  cursors?: CursorSigner;
  /** The built web app (packages/web); without it the pages are served without scripts. */
  webDir?: string | undefined;
}

/** Every route of the API, in one registry that both mounts handlers and describes them. */
export function apiRoutes(deps: AppDeps, openapi: () => Record<string, unknown>, web?: WebShell): AnyRoute[] {
  const uc = deps.useCases;
  const limits = deps.limits ?? DEFAULT_LIMITS;
  const streams = deps.streams ?? new LiveStreams(new InProcessHub(), uc.notifications);
  const media = new MediaUrls(deps.mediaBaseUrl);
  return [
    ...accountRoutes(uc),
    ...creatorRoutes(uc),
    ...followRoutes(uc),
    ...productRoutes(uc, media),
    ...dropRoutes(uc, media),
    ...fairAccessRoutes(uc),
    ...searchRoutes(uc, media),
    ...mediaRoutes(uc),
    ...orderRoutes(uc, deps.metrics, new OrderAttempts(limits.orderKeysPerMinute)),
    ...checkoutRoutes(uc),
    ...waitlistRoutes(uc),
    ...notificationRoutes(uc, streams),
    ...graphqlRoutes({ useCases: uc, streams, introspection: deps.graphqlIntrospection ?? true }),
    ...opsRoutes({
      metrics: deps.metrics,
      readiness: deps.readiness,
      isShuttingDown: deps.isShuttingDown ?? (() => false),
      openapi,
      metricsToken: limits.metricsToken,
      redoc: web?.redoc ?? null,
    }),
  ];
}

/**
 * Pure wiring: middleware and routers around plain use-case objects. No container,
 * no listening socket; `server.ts` does those.
 */
export function createApp(deps: AppDeps): Koa<AppState> {
  const app = new Koa<AppState>();
  const limits = deps.limits ?? DEFAULT_LIMITS;
  // Behind a trusted proxy the client is X-Forwarded-For's first hop (ctx.ip); else the socket.
  app.proxy = limits.trustProxy;
  let document: Record<string, unknown> | undefined;
  const web = loadWebShell(deps.webDir);
  const routes = apiRoutes(deps, () => (document ??= buildOpenApi(routes, API_VERSION)), web);
  const router = mountRoutes(routes, deps.useCases.sessions, deps.cursors ?? new CursorSigner());
  app.use(requestContext({ ...deps, isShuttingDown: deps.isShuttingDown ?? (() => false) }));
  app.use(errorHandler());
  if (limits.corsOrigins.length > 0) app.use(cors(limits.corsOrigins));
  app.use(webPages({ useCases: deps.useCases, shell: web, mediaBaseUrl: deps.mediaBaseUrl }));
  app.use(fallback(router));
  app.use(router.routes());
  // Errors after the response began (client went away mid-stream) cannot be answered; log them.
  app.on('error', (err: unknown) => deps.logger.warn({ err }, 'response error'));
  return app;
}
