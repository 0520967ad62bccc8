import { DomainError, ValidationError } from '@livedrops/core';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const MAX_LENGTH = 255;
const PRINTABLE = /^[\x20-\x7e]+$/;

const invalid = (message: string): ValidationError => ValidationError.field(IDEMPOTENCY_HEADER, message);

/** Unquotes an RFC 8941 sf-string: only `\"` and `\\` may be escaped, no bare quote inside. */
function unquote(value: string): string | null {
  let out = '';
  for (let i = 1; i < value.length - 1; i++) {
    const c = value[i]!;
    if (c === '\\') {
      const n = value[i + 1];
      if ((n !== '"' && n !== '\\') || i + 1 >= value.length - 1) return null;
      out += n;
      i++;
    } else if (c === '"') {
      return null;
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * The key of `POST /v1/orders` (and of a payment): 1-255 printable ASCII characters. The draft standard
 * (draft-ietf-httpapi-idempotency-key-header) sends it as a quoted structured-field string;
 * plain tokens are accepted too, and `"abc"` and `abc` name the same key.
 */
export function parseIdempotencyKey(header: string | string[] | undefined, route = 'POST /v1/orders'): string {
  if (header === undefined) {
    throw new DomainError('idempotency_key_required', `${route} needs an Idempotency-Key header`);
  }
  if (Array.isArray(header)) throw invalid('must be sent once');
  const raw = header.trim();
  if (raw === '') throw invalid('must not be empty');
  if (!PRINTABLE.test(raw)) throw invalid('must be printable ASCII');
  let key = raw;
  // A leading quote announces a structured-field string; a half-quoted value is a mistake, not a key.
  if (raw.startsWith('"')) {
    const inner = raw.length >= 2 && raw.endsWith('"') ? unquote(raw) : null;
    if (inner === null) throw invalid('is not a valid quoted string');
    key = inner;
  }
  if (key.length < 1 || key.length > MAX_LENGTH) throw invalid(`must be 1-${MAX_LENGTH} characters`);
  return key;
}
