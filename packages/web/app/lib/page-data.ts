import { setServerNow } from './format.js';
import type { Drop } from './types.js';

/** What the server rendered the first page from (its JSON data block), to start without a fetch. */
export type PageData =
  { page: 'home'; now: number; live: Drop[]; upcoming: Drop[] } | { page: 'drop'; now: number; drop: Drop };

let data: PageData | undefined;

/** Reads the block once, at start-up, and sets the server clock from it. */
export function readPageData(): void {
  const el = document.getElementById('ld-data');
  if (!el?.textContent) return;
  try {
    data = JSON.parse(el.textContent) as PageData;
    setServerNow(data.now);
  } catch {
    data = undefined;
  }
}

/** The first page's data, for that page only and only once: later visits fetch fresh. */
export function takeData<K extends PageData['page']>(page: K): Extract<PageData, { page: K }> | undefined {
  const d = data;
  if (d?.page !== page) return undefined;
  data = undefined;
  return d as Extract<PageData, { page: K }>;
}
