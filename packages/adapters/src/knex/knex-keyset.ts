import { pageOf, type Cursor, type Page, type PageRequest } from '@livedrops/core';
import type { Knex } from 'knex';

export type Direction = 'asc' | 'desc';

/**
 * Keyset pagination on (key, id): the rows strictly after the cursor in the list's
 * order, `limit + 1` of them so the extra one proves there is a next page. Never
 * OFFSET, never COUNT(*). The row comparison is spelled `key <= k AND (key < k OR id < i)`
 * (for descending): the plain OR form reads the same but leaves the planner no range to
 * seek, so page 1,000 of a million followers would scan the 999 pages before it; the
 * leading `key <= k` is the bound the (…, key, id) index seeks to, on SQLite and Postgres.
 */
export async function keysetPage<Row, T>(
  query: Knex.QueryBuilder,
  order: { key: string; id: string; direction: Direction },
  page: PageRequest,
  map: (row: Row) => T,
  cursorOf: (item: T) => Cursor,
): Promise<Page<T>> {
  const { key, id, direction } = order;
  const after = page.after;
  if (after) {
    const [op, opOrEqual] = direction === 'asc' ? ['>', '>='] : ['<', '<='];
    // Cursor keys here are numbers (epoch ms); a decoded cursor may carry them as text.
    const k = typeof after.key === 'number' ? after.key : Number(after.key);
    query.where(key, opOrEqual, k).andWhere((w) => w.where(key, op, k).orWhere(id, op, after.id));
  }
  const rows = (await query
    .orderBy([
      { column: key, order: direction },
      { column: id, order: direction },
    ])
    .limit(page.limit + 1)) as Row[];
  return pageOf(rows.map(map), page.limit, cursorOf);
}
