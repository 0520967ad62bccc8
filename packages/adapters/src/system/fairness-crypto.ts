import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { FairnessCrypto } from '@livedrops/core';

/** SHA-256, HMAC-SHA256 and seeds from the operating system's CSPRNG. */
export class NodeFairnessCrypto implements FairnessCrypto {
  randomSeed(): Uint8Array {
    return new Uint8Array(randomBytes(32));
  }

  sha256Hex(data: Uint8Array | string): string {
    return createHash('sha256').update(data).digest('hex');
  }

  hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
    return new Uint8Array(createHmac('sha256', key).update(message).digest());
  }
}
