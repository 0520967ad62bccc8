import { createHash } from 'node:crypto';
import { BLOB_KEY_PATTERN, type ImageFormat } from '@livedrops/core';

/** A blob's content address: the sha256 of its bytes, in hex, and the format's extension. */
export const blobKey = (bytes: Uint8Array, format: ImageFormat): string =>
  `${createHash('sha256').update(bytes).digest('hex')}.${format}`;

/** Keys come from URLs: anything not shaped like one of ours is simply not stored. */
export const isBlobKey = (key: string): boolean => BLOB_KEY_PATTERN.test(key);
