import { HANDLE_PATTERN } from './user.js';

/**
 * The form display names are compared in when fans search for a creator: accents, case and
 * runs of spaces do not count ("Émile  Zola" → "emile zola"). Adapters store it beside the
 * name (the `name_key` column) so a prefix search is an index range, not a scan.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A handle as people type it: `@Ada` and `ada` name the same account (handles are stored
 * lower-case). Null when it cannot be a handle at all.
 */
export function normaliseHandle(text: string): string | null {
  const handle = text.replace(/^@/, '').toLowerCase();
  return HANDLE_PATTERN.test(handle) ? handle : null;
}

/** What a search box's text becomes: folded, without the `@` people put before handles. */
export const searchPrefix = (q: string): string => searchKey(q.trim().replace(/^@/, ''));

/** Whether a creator matches a folded prefix: by handle or by display name (`searchKey`). */
export function matchesCreatorPrefix(c: { handle: string; displayName: string }, prefix: string): boolean {
  return c.handle.startsWith(prefix) || searchKey(c.displayName).startsWith(prefix);
}
