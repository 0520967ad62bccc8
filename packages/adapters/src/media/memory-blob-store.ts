import type { BlobStore, ImageFormat } from '@livedrops/core';
import { blobKey, isBlobKey } from './blob-key.js';

/** Blobs in a Map: the volatile engine's, and SQLite's `:memory:` database's. */
export class MemoryBlobStore implements BlobStore {
  private readonly blobs = new Map<string, Uint8Array>();

  async put(bytes: Uint8Array, format: ImageFormat): Promise<string> {
    const key = blobKey(bytes, format);
    if (!this.blobs.has(key)) this.blobs.set(key, Uint8Array.from(bytes));
    return key;
  }

  async get(key: string): Promise<Uint8Array | null> {
    return (isBlobKey(key) && this.blobs.get(key)) || null;
  }

  async has(key: string): Promise<boolean> {
    return isBlobKey(key) && this.blobs.has(key);
  }
}
