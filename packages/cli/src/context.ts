import type { Command } from 'commander';
import { ApiClient } from './api-client.js';
import { DEFAULT_API, readConfig, type StoredConfig } from './config-store.js';
import { UsageError } from './errors.js';
import { createOutput, type Output } from './output.js';

/** Everything a client command needs, resolved once from flags, environment and config file. */
export interface Ctx {
  api: ApiClient;
  out: Output;
  config: StoredConfig;
  env: NodeJS.ProcessEnv;
}

export interface GlobalOpts {
  api?: string;
  json?: boolean;
  color?: boolean;
}

/** Normalises and validates an API address (http or https, no query), or exits 2. */
export function normaliseApi(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`invalid API address "${text}": expected e.g. http://127.0.0.1:3000`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`invalid API address "${text}": must be http or https`);
  return url.href.replace(/\/+$/, '');
}

/**
 * Precedence: --api > LIVEDROPS_API > the config file > the default. The stored token was
 * issued by the stored API, so it is only sent there: pointing --api elsewhere must not leak
 * it to another server (LIVEDROPS_TOKEN is sent wherever it is told).
 */
export function resolveCtx(cmd: Command, env: NodeJS.ProcessEnv = process.env): Ctx {
  const g = cmd.optsWithGlobals<GlobalOpts>();
  const config = readConfig(env);
  const storedApi = config.api ? normaliseApi(config.api) : DEFAULT_API;
  const api = normaliseApi(g.api ?? env.LIVEDROPS_API ?? storedApi);
  const token = env.LIVEDROPS_TOKEN || (api === storedApi ? config.token : undefined);
  return {
    api: new ApiClient(api, token),
    out: createOutput({ json: g.json === true, color: g.color !== false }, env),
    config,
    env,
  };
}

/** The signed-in user, asked of the server (the token may come from LIVEDROPS_TOKEN). */
export async function currentUser(ctx: Ctx): Promise<{ id: string; handle: string; isCreator: boolean }> {
  return ctx.api.get('/v1/me', { auth: true });
}
