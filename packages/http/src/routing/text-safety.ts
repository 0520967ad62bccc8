import { ValidationError, type FieldError } from '@livedrops/core';

// NUL, which PostgreSQL cannot store in text, and UTF-16 surrogates that do not pair, which
// no engine stores faithfully (each replaces them its own way). Both are refused up front,
// as a 400 naming the field, so every engine answers alike and nothing reaches the database.
const UNSAFE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const isSafeText = (s: string): boolean => !UNSAFE.test(s);

const MESSAGE = 'must not contain NUL characters or unpaired UTF-16 surrogates';

/** Every string (keys included) in `value`, by its dot path under `root`'s naming rules. */
function collect(value: unknown, path: string, out: FieldError[], depth: number): void {
  if (out.length >= 20 || depth > 64) return;
  if (typeof value === 'string') {
    if (!isSafeText(value)) out.push({ path, message: MESSAGE });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => collect(v, path ? `${path}.${i}` : String(i), out, depth + 1));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const at = path ? `${path}.${k}` : k;
      if (!isSafeText(k)) out.push({ path: at, message: MESSAGE });
      else collect(v, at, out, depth + 1);
    }
  }
}

/**
 * Throws a 400 validation_failed naming each string of `value` that holds NUL or a lone
 * surrogate. Paths read like zod's (`displayName`, `after`); `root` names a bare value.
 */
export function assertSafeText(value: unknown, root: string): void {
  const errors: FieldError[] = [];
  collect(value, '', errors, 0);
  if (errors.length > 0) throw new ValidationError(errors.map((e) => ({ ...e, path: e.path || root })));
}
