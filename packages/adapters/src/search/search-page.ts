import { pageOf, SEARCH_TIER_WEIGHT, type Cursor, type Page, type PageRequest } from '@livedrops/core';
import type { Row } from '../knex/knex-rows.js';

/** The SQL engines' rank expression: tier above time, as one integer (core's `rankKey`). */
export const rankSql = (tierCondition: string, createdAt: string): string =>
  `(CASE WHEN ${tierCondition} THEN 1 ELSE 0 END) * ${SEARCH_TIER_WEIGHT} + ${createdAt}`;

/** The cursor's bound, or nulls for the first page (one statement serves both). */
export function afterBound(page: PageRequest): [number | null, string | null] {
  if (!page.after) return [null, null];
  return [Number(page.after.key), page.after.id];
}

/** A page from `limit + 1` rows carrying `rank_key`, the cursor being (rank_key, id). */
export function rankedPage<T>(rows: Row[], page: PageRequest, map: (r: Row) => T): Page<T> {
  const cursors = new Map<T, Cursor>();
  const items = rows.map((r) => {
    const item = map(r);
    cursors.set(item, { key: Number(r.rank_key), id: String(r.id) });
    return item;
  });
  return pageOf(items, page.limit, (item) => cursors.get(item)!);
}
