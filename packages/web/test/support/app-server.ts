import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@livedrops/adapters';
import { createLogger, startServer } from '@livedrops/http';
import type { BrowserContext } from 'playwright-core';
import { webDir } from '../../src/index.js';

export interface AppServer {
  url: string;
  close(): Promise<void>;
}

/**
 * `livedrops serve` as `npm start` runs it: the built app, a fresh SQLite file, a free port;
 * on `clock` when given (everything the server times: drops, holds, their expiry loop).
 */
export async function startAppServer(clock?: { now(): number }): Promise<AppServer> {
  const dir = webDir();
  if (!dir)
    throw new Error('The web app is not built: run `sh .ci/setup` (it runs packages/web/scripts/build-app.mjs)');
  const data = mkdtempSync(join(tmpdir(), 'livedrops-web-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: `sqlite:${join(data, 'livedrops.db')}`,
    LOG_LEVEL: 'warn',
  });
  const handle = await startServer(config, {
    logger: createLogger('warn', { write: () => undefined }),
    webDir: dir,
    drainTimeoutMs: 2_000,
    ...(clock && { clock }),
  });
  return {
    url: handle.url,
    async close() {
      await handle.close();
      rmSync(data, { recursive: true, force: true });
    },
  };
}

const PASSWORD = 'correct horse battery';

/** The API over plain HTTP with bearer tokens, to set the scene around what the browser does. */
export class Api {
  constructor(readonly base: string) {}

  async call<T = any>(
    method: string,
    path: string,
    token?: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const res = await fetch(this.base + path, {
      method,
      headers: {
        ...(body !== undefined && { 'Content-Type': 'application/json' }),
        ...(token && { Authorization: `Bearer ${token}` }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async register(
    handle: string,
    isCreator = false,
  ): Promise<{ id: string; handle: string; token: string; password: string }> {
    const r = await this.call('POST', '/v1/auth/register', undefined, {
      handle,
      password: PASSWORD,
      isCreator,
      displayName: handle.replace(/_/g, ' '),
    });
    return { id: r.user.id, handle, token: r.token, password: PASSWORD };
  }

  order(token: string, dropId: string, quantity: number): Promise<any> {
    return this.call('POST', '/v1/orders', token, { dropId, quantity }, { 'Idempotency-Key': `k-${Math.random()}` });
  }
}

export { PASSWORD };

/**
 * Signs the context in as `handle` the way the app does (register/login with session=cookie),
 * but from outside the page, to save the form's time where the form is not what is tested.
 */
export async function signedInContext(ctx: BrowserContext, url: string, handle: string): Promise<void> {
  const res = await fetch(`${url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ handle, password: PASSWORD, session: 'cookie' }),
  });
  if (!res.ok) throw new Error(`login ${handle} → ${res.status}`);
  const cookies = res.headers.getSetCookie().map((line) => {
    const [name, value] = line.split(';')[0]!.split('=') as [string, string];
    return { name, value, url, httpOnly: name === 'ld_session', sameSite: 'Strict' as const };
  });
  await ctx.addCookies(cookies);
}

let n = 0;
/** A handle unique to this run (3-32 of a-z, 0-9, _). */
export const handle = (prefix: string): string => `${prefix}_${++n}_${Math.random().toString(36).slice(2, 7)}`;
