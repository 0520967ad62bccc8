/**
 * The hashing and randomness a verifiable shuffle needs (node:crypto in the system adapter).
 * A port because the core imports nothing, and because the shuffle must be byte-for-byte
 * what any re-implementation computes: the core only decides what is hashed, in what order.
 */
export interface FairnessCrypto {
  /** 32 bytes from a cryptographically secure source: a drop's secret seed. */
  randomSeed(): Uint8Array;
  /** Lowercase hex SHA-256 of the bytes, or of a string's UTF-8 encoding. */
  sha256Hex(data: Uint8Array | string): string;
  /** HMAC-SHA256 of `message` under `key`. */
  hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array;
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** Lowercase or uppercase hex to bytes; null when `hex` is not whole bytes of hex digits. */
export function fromHex(hex: string): Uint8Array | null {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
