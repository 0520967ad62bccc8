/**
 * Keyset pagination. A cursor is the (sort key, id) of the last item returned;
 * the next page continues strictly after it in the list's order. Never offsets.
 */
export interface Cursor {
  key: number | string;
  id: string;
}

export interface PageRequest {
  limit: number;
  after?: Cursor | undefined;
}

export interface Page<T> {
  items: T[];
  next: Cursor | null;
}

export const MAX_PAGE_LIMIT = 100;
export const DEFAULT_PAGE_LIMIT = 20;

/** Builds a page from `limit + 1` fetched rows: the extra row only proves there is more. */
export function pageOf<T>(rows: T[], limit: number, cursorOf: (item: T) => Cursor): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, next: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}

/** A page that also gives each item's own cursor (resume right after it): Relay edges need one each. */
export interface KeyedPage<T> extends Page<T> {
  cursors: Cursor[];
}

/** `pageOf`, keeping every item's cursor. */
export function keyedPageOf<T>(rows: T[], limit: number, cursorOf: (item: T) => Cursor): KeyedPage<T> {
  const page = pageOf(rows, limit, cursorOf);
  return { ...page, cursors: page.items.map(cursorOf) };
}

/** Comparator for "newest first" keyset order: key descending, then id descending. */
export function isAfterDesc(key: number | string, id: string, after: Cursor | undefined): boolean {
  if (!after) return true;
  return key < after.key || (key === after.key && id < after.id);
}

/** Comparator for ascending keyset order: key ascending, then id ascending. */
export function isAfterAsc(key: number | string, id: string, after: Cursor | undefined): boolean {
  if (!after) return true;
  return key > after.key || (key === after.key && id > after.id);
}
