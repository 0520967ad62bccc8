import type { ErrorCode, User } from '@livedrops/core';
import type { z } from 'zod';
import type { ParameterizedContext } from 'koa';
import type { Logger } from 'pino';

/** Per-request state every middleware may rely on. */
export interface AppState {
  requestId: string;
  /** The request's pino child logger, with the request id bound. */
  log: Logger;
  /** The matched route template (`/v1/drops/{id}`), for metrics and logs; unset when nothing matched. */
  route?: string;
  user?: User;
  /** The bearer token of an authenticated request, kept only so logout can revoke it. */
  token?: string;
  /** How the token came: an Authorization header, or the web app's session cookie. */
  credential?: 'bearer' | 'cookie';
}

export type AppContext = ParameterizedContext<AppState>;

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface ResponseSpec {
  description: string;
  /** JSON body schema; omitted for empty (204) or non-JSON bodies. */
  schema?: z.ZodType;
  /** Non-JSON media type (e.g. Prometheus text) when there is no schema. */
  contentType?: string;
  headers?: Record<string, string>;
}

export interface Reply {
  status: number;
  body?: unknown;
  type?: string;
  headers?: Record<string, string>;
}

export interface HandlerInput<P, Q, B, A extends boolean> {
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  user: A extends true ? User : undefined;
  /** The parsed Idempotency-Key, for routes that declare `idempotencyKey`. */
  idempotencyKey: string | undefined;
  ctx: AppContext;
}

/**
 * One route, declared once: the same object mounts the handler (with validation of
 * every input) and describes the operation in the OpenAPI document.
 */
export interface RouteSpec<P = undefined, Q = undefined, B = undefined, A extends boolean = boolean> {
  method: Method;
  /** OpenAPI-style template, `/v1/drops/{id}`; it is also the metrics `route` label. */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  auth: A;
  params?: P;
  query?: Q;
  body?: B;
  /** A raw (non-JSON) request body of these media types, read by the handler itself. */
  rawBody?: string[];
  /** Requires the Idempotency-Key header: parsed after auth, before any other input. */
  idempotencyKey?: boolean;
  responses: Record<number, ResponseSpec>;
  /** The problem codes this operation can answer with, besides the generic ones. */
  errors: ErrorCode[];
  /** Left out of the OpenAPI document (none today; kept for internal endpoints). */
  hidden?: boolean;
  handle(input: HandlerInput<P, Q, B, A>): Promise<Reply> | Reply;
}

// biome-ignore lint/suspicious/noExplicitAny: a registry of routes whose input types differ
export type AnyRoute = RouteSpec<any, any, any, boolean>;

/** Identity at runtime; its job is inference, so handlers see their parsed input types. */
export function defineRoute<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  A extends boolean = false,
>(spec: RouteSpec<P, Q, B, A>): AnyRoute {
  return spec as AnyRoute;
}
