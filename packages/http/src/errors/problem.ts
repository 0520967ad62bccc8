import { DomainError, type ErrorCode } from '@livedrops/core';
import { ERROR_MAP } from './error-map.js';

/** An RFC 9457 problem document as this API renders it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_TYPE_BASE = 'https://livedrops.dev/problems/';

/**
 * A failure the HTTP layer itself detects (bad media type, oversized body, wrong method).
 * It reuses the domain's codes so it goes through the same error map, and may carry
 * headers the status requires (e.g. `Allow` on 405).
 */
export class HttpError extends DomainError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
    extensions: Record<string, unknown> = {},
  ) {
    super(code, message, extensions);
  }
}

// Extensions come from domain errors; they must never overwrite the standard members.
const RESERVED = new Set(['type', 'title', 'status', 'detail', 'code', 'instance']);

/**
 * Renders a problem from nothing but the error's code, message and extensions (plus the
 * path as `instance`), so a stored outcome replays byte for byte as it was first answered.
 */
export function problemOf(
  code: ErrorCode,
  detail: string,
  extensions: Record<string, unknown>,
  instance: string,
): Problem {
  const { status, title } = ERROR_MAP[code];
  const problem: Problem = { type: `${PROBLEM_TYPE_BASE}${code}`, title, status, detail, code, instance };
  for (const [key, value] of Object.entries(extensions)) {
    if (!RESERVED.has(key)) problem[key] = value;
  }
  return problem;
}

/** Headers some statuses require: a challenge with 401, a back-off with 429. */
export function problemHeaders(code: ErrorCode, extensions: Record<string, unknown>): Record<string, string> {
  const headers: Record<string, string> = {};
  if (code === 'unauthenticated') headers['WWW-Authenticate'] = 'Bearer realm="livedrops"';
  if (code === 'rate_limited') {
    const retry = Number(extensions['retryAfter']);
    headers['Retry-After'] = String(Number.isFinite(retry) && retry > 0 ? Math.ceil(retry) : 1);
  }
  return headers;
}

/** Everything a problem response consists of, ready to be written to any context. */
export function problemReply(
  code: ErrorCode,
  detail: string,
  extensions: Record<string, unknown>,
  instance: string,
  headers: Record<string, string> = {},
): { status: number; body: Problem; type: string; headers: Record<string, string> } {
  const body = problemOf(code, detail, extensions, instance);
  return {
    status: body.status,
    body,
    type: PROBLEM_CONTENT_TYPE,
    headers: { ...problemHeaders(code, extensions), ...headers },
  };
}
