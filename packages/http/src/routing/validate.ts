import { ValidationError, type FieldError } from '@livedrops/core';
import type { z } from 'zod';

/**
 * Validation error paths name the offending input by its own name: a body field as a
 * dot path (`priceCents`, `stock`), a query parameter (`limit`, `after`), a path
 * parameter (`id`) or a header (`Idempotency-Key`); `body` means the body as a whole.
 * The core's own ValidationErrors use the same bare names, so both read alike.
 */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], root: string): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const add = (path: string, message: string): void => {
    // One message per field: zod can report several checks failing on one value.
    if (!seen.has(path)) errors.push({ path, message });
    seen.add(path);
  };
  for (const issue of issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        add(base ? `${base}.${key}` : key, 'is not a known field');
      }
      continue;
    }
    add(base || root, issue.message);
  }
  return errors;
}

/** Parses `value` with `schema`, or throws a 400 validation_failed naming every bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, root: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ValidationError(fieldErrors(result.error.issues, root));
}
