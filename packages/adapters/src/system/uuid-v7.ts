import { randomFillSync } from 'node:crypto';
import type { IdGenerator } from '@livedrops/core';

/**
 * RFC 9562 UUIDv7: 48-bit millisecond timestamp then random bits, so ids are opaque and
 * non-sequential to clients yet index-friendly (roughly time-ordered) for the database.
 */
export class UuidV7 implements IdGenerator {
  private pool = Buffer.alloc(16 * 256);
  private offset = this.pool.length;

  next(): string {
    if (this.offset >= this.pool.length) {
      randomFillSync(this.pool);
      this.offset = 0;
    }
    const b = this.pool.subarray(this.offset, this.offset + 16);
    this.offset += 16;
    const ms = Date.now();
    b.writeUIntBE(ms, 0, 6);
    b[6] = (b[6]! & 0x0f) | 0x70;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const h = b.toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
}
