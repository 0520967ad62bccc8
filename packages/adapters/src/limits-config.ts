import { ConfigError } from './config-error.js';

/** The abuse limits and exposure settings (api.md, Security and hygiene); each an environment setting and a flag. */
export interface Limits {
  /** Registrations per client address per hour (REGISTER_LIMIT). */
  registerPerHour: number;
  /** Failed logins per client address per 15 minutes (LOGIN_FAILURE_LIMIT). */
  loginFailuresPerAddress: number;
  /** Open notification streams per user and per instance, SSE and WebSocket together. */
  streamsPerUser: number;
  streamsPerInstance: number;
  /** Idempotency records (orders) per user per drop per minute (ORDER_KEYS_PER_MINUTE). */
  orderKeysPerMinute: number;
  /** A client must finish its headers and its body within this (REQUEST_TIMEOUT_MS). */
  requestTimeoutMs: number;
  /** Origins allowed by CORS; empty: no CORS headers at all. */
  corsOrigins: string[];
  /** When set, /metrics needs `Authorization: Bearer <it>`. */
  metricsToken: string | undefined;
  /** Signs pagination cursors; unset: one generated and stored in the database on first start. */
  cursorSecret: string | undefined;
  /** Take the client address from the first hop of X-Forwarded-For (TRUST_PROXY=1). */
  trustProxy: boolean;
}

export const DEFAULT_LIMITS: Limits = {
  registerPerHour: 30,
  loginFailuresPerAddress: 50,
  streamsPerUser: 5,
  streamsPerInstance: 20_000,
  orderKeysPerMinute: 600,
  requestTimeoutMs: 10_000,
  corsOrigins: [],
  metricsToken: undefined,
  cursorSecret: undefined,
  trustProxy: false,
};

function count(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1) throw new ConfigError(name, `"${text}" is not a positive integer`);
  return Number(text);
}

/** Reads the limits; the first invalid one throws a ConfigError naming it. */
export function loadLimits(env: Record<string, string | undefined>): Limits {
  const cors = (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const o of cors) {
    if (!/^https?:\/\/[^\s/]+$/.test(o)) throw new ConfigError('CORS_ORIGINS', `"${o}" is not scheme://host[:port]`);
  }
  const metricsToken = env.METRICS_TOKEN || undefined;
  if (metricsToken && !/^[A-Za-z0-9\-._~+/]{16,512}$/.test(metricsToken)) {
    throw new ConfigError('METRICS_TOKEN', 'must be 16-512 token characters');
  }
  const cursorSecret = env.CURSOR_SECRET || undefined;
  if (cursorSecret && cursorSecret.length < 32) {
    throw new ConfigError('CURSOR_SECRET', 'must be at least 32 characters');
  }
  const trust = env.TRUST_PROXY || '0';
  if (trust !== '0' && trust !== '1') throw new ConfigError('TRUST_PROXY', `"${trust}" is not 0 or 1`);
  return {
    registerPerHour: count(env, 'REGISTER_LIMIT', DEFAULT_LIMITS.registerPerHour),
    loginFailuresPerAddress: count(env, 'LOGIN_FAILURE_LIMIT', DEFAULT_LIMITS.loginFailuresPerAddress),
    streamsPerUser: count(env, 'STREAMS_PER_USER', DEFAULT_LIMITS.streamsPerUser),
    streamsPerInstance: count(env, 'STREAMS_PER_INSTANCE', DEFAULT_LIMITS.streamsPerInstance),
    orderKeysPerMinute: count(env, 'ORDER_KEYS_PER_MINUTE', DEFAULT_LIMITS.orderKeysPerMinute),
    requestTimeoutMs: count(env, 'REQUEST_TIMEOUT_MS', DEFAULT_LIMITS.requestTimeoutMs),
    corsOrigins: cors,
    metricsToken,
    cursorSecret,
    trustProxy: trust === '1',
  };
}
