import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BlobStore, ImageFormat } from '@livedrops/core';
import { blobKey, isBlobKey } from './blob-key.js';

/**
 * The embedded profile's blobs: one file per key under `dir/<first two hex digits>/`, so no
 * directory grows past a few thousand entries. A file is written under a temporary name and
 * renamed into place, so a reader (or a crash) never sees half a blob; the same bytes put
 * twice land on the same name, once.
 */
export class DirectoryBlobStore implements BlobStore {
  constructor(private readonly dir: string) {}

  private path(key: string): string {
    return join(this.dir, key.slice(0, 2), key);
  }

  async put(bytes: Uint8Array, format: ImageFormat): Promise<string> {
    const key = blobKey(bytes, format);
    if (await this.has(key)) return key;
    const target = this.path(key);
    await mkdir(join(this.dir, key.slice(0, 2)), { recursive: true });
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temp, bytes, { flag: 'wx' });
      await rename(temp, target);
    } catch (e) {
      await rm(temp, { force: true });
      throw e;
    }
    return key;
  }

  async get(key: string): Promise<Uint8Array | null> {
    if (!isBlobKey(key)) return null;
    try {
      return await readFile(this.path(key));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async has(key: string): Promise<boolean> {
    if (!isBlobKey(key)) return false;
    return stat(this.path(key)).then(
      () => true,
      () => false,
    );
  }
}
