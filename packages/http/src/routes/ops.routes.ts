import { timingSafeEqual } from 'node:crypto';
import { UnauthenticatedError } from '@livedrops/core';
import { z } from 'zod';
import { DOCS_CSP, REDOC_CSP, renderDocs, renderRedoc } from '../docs-page.js';
import { problemReply } from '../errors/problem.js';
import type { Metrics } from '../metrics.js';
import { defineRoute, type AnyRoute, type AppContext } from '../routing/route.js';

export interface OpsDeps {
  metrics: Metrics;
  readiness: () => Promise<Record<string, 'up' | 'down'>>;
  isShuttingDown: () => boolean;
  openapi: () => Record<string, unknown>;
  /** When set, /metrics needs `Authorization: Bearer <it>` (METRICS_TOKEN). */
  metricsToken?: string | undefined;
  /** The web build's Redoc bundle (`/assets/…`); /docs is the plain page without it. */
  redoc?: string | null;
}

/** Whether the request carries the metrics token (compared in constant time). */
function hasMetricsToken(ctx: AppContext, token: string): boolean {
  const given = Buffer.from(/^Bearer +(\S+) *$/i.exec(ctx.get('Authorization'))?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const OpenApiDocument = z.record(z.string(), z.unknown()).meta({ description: 'An OpenAPI 3.1 document.' });
const Health = z.object({ status: z.literal('ok') });
const Checks = z
  .record(z.string(), z.enum(['up', 'down']))
  .meta({ description: 'Each configured dependency: up or down.' });
const Readiness = z.object({ status: z.literal('ready'), checks: Checks }).meta({ id: 'Readiness' });

/** Liveness, readiness, metrics and the API description: unauthenticated, outside `/v1`. */
export function opsRoutes(deps: OpsDeps): AnyRoute[] {
  let page: string | undefined;
  return [
    defineRoute({
      method: 'get',
      path: '/livez',
      operationId: 'livez',
      tag: 'Operations',
      summary: 'Liveness: 200 while the process runs',
      auth: false,
      responses: { 200: { description: 'Alive.', schema: Health } },
      errors: [],
      handle: () => ({ status: 200, body: { status: 'ok' } }),
    }),
    defineRoute({
      method: 'get',
      path: '/readyz',
      operationId: 'readyz',
      tag: 'Operations',
      summary: 'Readiness: every configured dependency answers',
      description:
        'Otherwise 503 `unavailable` (problem+json) with the same `checks` extension, naming what is down; `shuttingDown: true` while the instance drains.',
      auth: false,
      responses: { 200: { description: 'Ready.', schema: Readiness } },
      errors: ['unavailable'],
      async handle({ ctx }) {
        // A failing probe must not turn into a 500: it is exactly what readiness reports.
        const checks = await deps.readiness().catch(() => ({ dependencies: 'down' as const }));
        const down = Object.entries(checks)
          .filter(([, state]) => state === 'down')
          .map(([name]) => name);
        if (deps.isShuttingDown()) {
          return problemReply('unavailable', 'The instance is shutting down', { checks, shuttingDown: true }, ctx.path);
        }
        if (down.length) return problemReply('unavailable', `Not ready: ${down.join(', ')} down`, { checks }, ctx.path);
        return { status: 200, body: { status: 'ready', checks } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/metrics',
      operationId: 'metrics',
      tag: 'Operations',
      summary: 'Prometheus metrics (livedrops_*)',
      description: 'Open unless the server has METRICS_TOKEN; then `Authorization: Bearer <METRICS_TOKEN>`.',
      auth: false,
      responses: { 200: { description: 'Prometheus text exposition.', contentType: 'text/plain; version=0.0.4' } },
      errors: ['unauthenticated'],
      async handle({ ctx }) {
        if (deps.metricsToken !== undefined && !hasMetricsToken(ctx, deps.metricsToken)) {
          throw new UnauthenticatedError('/metrics needs Authorization: Bearer <METRICS_TOKEN>');
        }
        const text = await deps.metrics.registry.metrics();
        return { status: 200, body: text, type: deps.metrics.registry.contentType };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/openapi.json',
      operationId: 'openapi',
      tag: 'Operations',
      summary: 'This OpenAPI 3.1 document',
      auth: false,
      responses: { 200: { description: 'The document.', schema: OpenApiDocument } },
      errors: [],
      handle: () => ({ status: 200, body: deps.openapi() }),
    }),
    defineRoute({
      method: 'get',
      path: '/docs',
      operationId: 'docs',
      tag: 'Operations',
      summary: 'This document as a page to read (Redoc, served from here; plain HTML without scripts)',
      auth: false,
      responses: { 200: { description: 'The page.', contentType: 'text/html; charset=utf-8' } },
      errors: [],
      handle: () => {
        page ??= deps.redoc ? renderRedoc(deps.openapi(), deps.redoc) : renderDocs(deps.openapi());
        const headers = {
          'Content-Security-Policy': deps.redoc ? REDOC_CSP : DOCS_CSP,
          'X-Content-Type-Options': 'nosniff',
        };
        return { status: 200, body: page, type: 'text/html; charset=utf-8', headers };
      },
    }),
  ];
}
