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
  // Every list's key is a time or a position: a non-negative integer within the range of dates.
  const keyOk = typeof key === 'number' && Number.isSafeInteger(key) && key >= 0 && key <= MAX_KEY;
  if (!keyOk || typeof id !== 'string' || !ID.test(id)) return null;
  return { key, id };
}
