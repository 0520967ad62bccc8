import { IMAGE_MAX_BYTES, ImageTooLargeError } from '@livedrops/core';
import { HttpError } from '../errors/problem.js';
import type { AppContext } from '../routing/route.js';
import { readLimited } from './json-body.js';

/**
 * An image upload's raw bytes. The declared length is refused before reading; a chunked body
 * is refused at the first byte past the limit (the rest is left unread, the 413 closes the
 * connection). The Content-Type header is not trusted: the bytes decide (ImageProcessor).
 */
export async function readImageBody(ctx: AppContext): Promise<Uint8Array> {
  const encoding = ctx.get('Content-Encoding').trim().toLowerCase();
  if (encoding !== '' && encoding !== 'identity') {
    throw new HttpError('unsupported_media_type', 'Compressed request bodies are not accepted');
  }
  const declared = ctx.get('Content-Length');
  if (declared !== '' && (!/^\d+$/.test(declared) || Number(declared) > IMAGE_MAX_BYTES)) {
    throw new ImageTooLargeError({ bytes: true });
  }
  return readLimited(ctx.req, IMAGE_MAX_BYTES, () => new ImageTooLargeError({ bytes: true }));
}
