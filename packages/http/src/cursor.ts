import type { Cursor } from '@livedrops/core';

/**
 * Cursors are opaque to clients: base64url of the JSON tuple `[key, id]` of the last item
 * of a page. Decoding is strict (canonical base64url, exact tuple shape), since a cursor
 * is client input like any other.
 */
export const CURSOR_MAX_LENGTH = 512;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_KEY = 8.64e15;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id]), 'utf8').toString('base64url');
}

export function encodeNext(next: Cursor | null): string | null {
  return next ? encodeCursor(next) : null;
}

/** The cursor, or null when `text` is not one this API could have issued. */
export function decodeCursor(text: string): Cursor | null {
  const c = decodeAny(text);
  // Every list's key is a time or a position: a non-negative integer within the range of dates.
  return c && typeof c.key === 'number' && Number.isSafeInteger(c.key) && c.key >= 0 && c.key <= MAX_KEY ? c : null;
}

/** The creators search's cursor: keyed by handle (3–32 of a-z, 0-9, _). */
export function decodeHandleCursor(text: string): Cursor | null {
  const c = decodeAny(text);
  return c && typeof c.key === 'string' && /^[a-z0-9_]{1,32}$/.test(c.key) ? c : null;
}

function decodeAny(text: string): Cursor | null {
  if (text.length > CURSOR_MAX_LENGTH || !BASE64URL.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  // Non-canonical encodings (stray trailing bits) would otherwise decode silently.
  if (bytes.toString('base64url') !== text) return null;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [key, id] = value as [unknown, unknown];
  if ((typeof key !== 'number' && typeof key !== 'string') || typeof id !== 'string' || !ID.test(id)) return null;
  return { key, id };
}
