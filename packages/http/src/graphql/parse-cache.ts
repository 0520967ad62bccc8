import { parse, type DocumentNode, type Source } from 'graphql';

const MAX_ENTRIES = 500;
const cache = new Map<string, DocumentNode>();

/**
 * `parse` with a bounded cache by query text: an app sends the same few documents over and
 * over, and parsing one is a good share of a small query's cost. Validation is not cached:
 * the cost limit depends on each request's variables.
 */
export function parseCached(query: string | Source): DocumentNode {
  if (typeof query !== 'string') return parse(query);
  const hit = cache.get(query);
  if (hit) return hit;
  const document = parse(query);
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(query, document);
  return document;
}
