import { currentUser, type Ctx } from './context.js';
import { ApiError, CliError, UsageError } from './errors.js';
import type { Page } from './api-client.js';
import { cliName } from './cli-name.js';

export interface CreatorJson {
  id: string;
  handle: string;
  displayName: string;
  followerCount: number;
  createdAt: string;
}

// A handle is 3-32 of a-z, 0-9 and _ (any case as typed); ids are what the server made them.
const HANDLE = /^@?[A-Za-z0-9_]{3,32}$/;

/**
 * The creator a person means: `@ada` and `ada` are handles; anything else (`0193a2b4-…`) an id.
 * A bare word that is no creator's handle is tried as an id too, so ids without dashes work.
 */
export async function resolveCreator(ctx: Ctx, text: string): Promise<CreatorJson> {
  if (HANDLE.test(text)) {
    const page = await ctx.api.get<Page<CreatorJson>>('/v1/creators', { query: { handle: text } });
    if (page.data[0]) return page.data[0];
    if (text.startsWith('@')) {
      throw new CliError(`no creator with handle ${text} — try: ${cliName()} creators ${text.slice(1)}`);
    }
  }
  try {
    return await ctx.api.get<CreatorJson>(`/v1/creators/${encodeURIComponent(text)}`);
  } catch (e) {
    if (e instanceof ApiError && (e.problem.status === 404 || e.problem.code === 'validation_failed')) {
      throw new CliError(`no creator "${text}" (neither a handle nor an id) — try: ${cliName()} creators ${text}`);
    }
    throw e;
  }
}

/** Handles for a table, by creator id: one profile read per creator not already known. */
export async function handlesOf(ctx: Ctx, ids: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const handle = (id: string): Promise<readonly [string, string]> =>
    ctx.api.get<CreatorJson>(`/v1/creators/${encodeURIComponent(id)}`).then(
      (c) => [id, `@${c.handle}`] as const,
      () => [id, id] as const, // gone or unreachable: the id still says who
    );
  return new Map(await Promise.all(unique.map(handle)));
}

/** `--mine` or `--creator HANDLE` of a list command, as the creator id to filter by (or none). */
export async function creatorFilter(ctx: Ctx, opts: { mine?: boolean; creator?: string }): Promise<string | undefined> {
  if (opts.mine && opts.creator) throw new UsageError('use --mine or --creator, not both');
  if (opts.mine) return (await currentUser(ctx)).id;
  return opts.creator === undefined ? undefined : (await resolveCreator(ctx, opts.creator)).id;
}
