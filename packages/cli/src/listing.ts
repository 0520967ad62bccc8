import type { Command } from 'commander';
import type { RequestOptions } from './api-client.js';
import type { Ctx } from './context.js';
import { UsageError, withFlags } from './errors.js';

export interface ListFlags {
  limit: string;
  after?: string;
}

/** `--limit` and `--after`, the paging every list command shares. */
export function pagingOptions(cmd: Command): Command {
  return cmd
    .option('--limit <n>', 'how many to show', '20')
    .option('--after <cursor>', 'continue after an earlier listing (the cursor it printed on stderr)');
}

/** `--limit N`: how many items to fetch across pages (the API serves at most 100 per page). */
export function listLimit(text: string | undefined, fallback = 20): number {
  if (text === undefined) return fallback;
  const n = /^\d{1,9}$/.test(text) ? Number(text) : 0;
  if (n < 1) throw new UsageError(`invalid --limit "${text}": expected a positive integer`);
  return n;
}

/**
 * Up to `--limit` items from `--after` on, walking the API's pages, and where the next
 * listing would start (null at the end). `flags` names, for the API's query parameters, the
 * flag each came from, so a bad value is reported as the person typed it.
 */
export async function fetchList<T>(
  ctx: Ctx,
  path: string,
  f: ListFlags,
  opts: RequestOptions & { flags?: Record<string, string> } = {},
): Promise<{ items: T[]; next: string | null }> {
  const max = listLimit(f.limit);
  const flags = { limit: '--limit', after: '--after', ...opts.flags };
  return withFlags(ctx.api.collect<T>(path, { ...opts, max, after: f.after }), flags);
}

/**
 * Prints a listing: the items as a JSON array with --json, else a table (or `empty` on stderr).
 * A cursor to go on from is said on stderr, where people read and scripts do not parse.
 */
export function printList<T>(
  ctx: Ctx,
  list: { items: T[]; next: string | null },
  empty: string,
  table: (items: T[]) => void,
): void {
  if (ctx.out.json) ctx.out.printJson(list.items);
  else if (!list.items.length) ctx.out.note(empty);
  else table(list.items);
  if (list.next) ctx.out.note(`more: repeat with --after ${list.next}`);
}
