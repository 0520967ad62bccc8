import type { ImageFormat } from './product-image.js';

/**
 * Immutable, content-addressed bytes. `put` names a blob by the sha256 of its bytes (plus the
 * format's extension) and stores it once however often it is put; a key, once returned,
 * serves the same bytes for ever, which is what lets `/media/…` be cached as immutable.
 */
export interface BlobStore {
  /** Stores the bytes (a no-op when they are already there) and returns their key, `<sha256>.<ext>`. */
  put(bytes: Uint8Array, format: ImageFormat): Promise<string>;
  /** The bytes under `key`, or null. */
  get(key: string): Promise<Uint8Array | null>;
  /** Whether `key` is stored, without reading it. */
  has(key: string): Promise<boolean>;
}
