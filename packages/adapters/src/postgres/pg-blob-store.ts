import type { BlobStore, ImageFormat } from '@livedrops/core';
import type pg from 'pg';
import { blobKey, isBlobKey } from '../media/blob-key.js';

/**
 * The production profile's blobs: `bytea` rows keyed by content address. A second put of the
 * same bytes is `ON CONFLICT DO NOTHING`, so images shared by many products are stored once.
 * Served through a CDN (`MEDIA_BASE_URL`), the database sees each key about once per edge.
 */
export class PgBlobStore implements BlobStore {
  constructor(private readonly pool: pg.Pool) {}

  async put(bytes: Uint8Array, format: ImageFormat): Promise<string> {
    const key = blobKey(bytes, format);
    await this.pool.query('INSERT INTO blobs (key, bytes, size) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING', [
      key,
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      bytes.byteLength,
    ]);
    return key;
  }

  async get(key: string): Promise<Uint8Array | null> {
    if (!isBlobKey(key)) return null;
    const r = await this.pool.query<{ bytes: Buffer }>('SELECT bytes FROM blobs WHERE key = $1', [key]);
    return r.rows[0]?.bytes ?? null;
  }

  async has(key: string): Promise<boolean> {
    if (!isBlobKey(key)) return false;
    const r = await this.pool.query('SELECT 1 FROM blobs WHERE key = $1', [key]);
    return r.rows.length > 0;
  }
}
