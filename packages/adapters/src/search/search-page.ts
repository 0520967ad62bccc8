import { keyedPageOf, SEARCH_TIER_WEIGHT, type Cursor, type KeyedPage, type PageRequest } from '@livedrops/core';
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
export function rankedPage<T>(rows: Row[], page: PageRequest, map: (r: Row) => T): KeyedPage<T> {
  const cursors = new Map<T, Cursor>();
  const items = rows.map((r) => {
    const item = map(r);
    cursors.set(item, { key: Number(r.rank_key), id: String(r.id) });
    return item;
  });
  return keyedPageOf(items, page.limit, (item) => cursors.get(item)!);
}

/** Where a tier's walk resumes: strictly after (`at`, `id`) in newest-first order. */
export interface TierBound {
  at: number;
  id: string;
}

/**
 * One tier's next `n` rows, newest first, strictly after `after` (null: from the newest).
 * Each row carries `rank_at`, the tier-local order key (created_at or an insertion rank).
 */
export type TierFetch = (title: boolean, after: TierBound | null, n: number) => Promise<Row[]>;

/**
 * A page of a two-tier search (title matches, then the rest), each tier walked newest first
 * by its own index-ordered query, so no statement sorts every match: the cost follows the
 * page, not how common a word is. The cursor's key is tier × SEARCH_TIER_WEIGHT + rank_at.
 */
export async function tieredRows(page: PageRequest, fetch: TierFetch): Promise<Row[]> {
  const need = page.limit + 1;
  const key = page.after ? Number(page.after.key) : null;
  const inTitleTier = key === null || key >= SEARCH_TIER_WEIGHT;
  const bound = (tierBase: number): TierBound | null =>
    page.after ? { at: Number(page.after.key) - tierBase, id: page.after.id } : null;
  const rows: Row[] = [];
  if (inTitleTier) {
    for (const r of await fetch(true, bound(SEARCH_TIER_WEIGHT), need)) {
      rows.push({ ...r, rank_key: SEARCH_TIER_WEIGHT + Number(r.rank_at) });
    }
  }
  if (rows.length < need) {
    for (const r of await fetch(false, inTitleTier ? null : bound(0), need - rows.length)) {
      rows.push({ ...r, rank_key: Number(r.rank_at) });
    }
  }
  return rows;
}
