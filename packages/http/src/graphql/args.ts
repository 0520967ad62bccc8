import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, ValidationError, type PageRequest } from '@livedrops/core';
import { decodeCursor } from '../cursor.js';

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Argument checks GraphQL's types cannot express, answered like REST's: `validation_failed`
 * with `errors: [{ path, message }]`, the path being the argument's own (`first`, `input.quantity`).
 */
export function pageRequest(args: {
  first?: number | null | undefined;
  after?: string | null | undefined;
}): PageRequest {
  const first = args.first ?? DEFAULT_PAGE_LIMIT;
  if (first < 1 || first > MAX_PAGE_LIMIT)
    throw ValidationError.field('first', `must be an integer 1..${MAX_PAGE_LIMIT}`);
  if (args.after === undefined || args.after === null) return { limit: first };
  const after = decodeCursor(args.after);
  if (!after) throw ValidationError.field('after', 'is not a cursor this API issued');
  return { limit: first, after };
}

/** An id argument: opaque, but only ever 1-64 URL-safe characters. */
export function idArg(value: string, path = 'id'): string {
  if (!ID.test(value)) throw ValidationError.field(path, 'must be an id (1-64 of A-Z, a-z, 0-9, _ and -)');
  return value;
}

/** The complexity of a connection: its own field, plus its selection once per requested item. */
export function pageCost(args: { first?: number | null | undefined }): { field: number; multiplier: number } {
  return { field: 1, multiplier: Math.min(Math.max(args.first ?? DEFAULT_PAGE_LIMIT, 1), MAX_PAGE_LIMIT) };
}
