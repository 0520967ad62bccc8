import { type FairnessCrypto, fromHex } from './fairness-digests.port.js';

/** The published name of the algorithm below (docs/fair-access.md specifies it byte by byte). */
export const SHUFFLE_ALGORITHM = 'fisher-yates-hmac-sha256-v1';

const TWO_32 = 2 ** 32;

/** The entries in the order the shuffle starts from: ascending by UTF-16 code unit (ids are ASCII). */
export function sortedEntries(entries: readonly string[]): string[] {
  return [...entries].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Hex SHA-256 of the (sorted) entries joined by "\n": what a verifier checks the list against. */
export function entriesDigest(h: FairnessCrypto, sorted: readonly string[]): string {
  return h.sha256Hex(sorted.join('\n'));
}

const strictlyAscending = (ids: readonly string[]): boolean => ids.every((id, i) => i === 0 || ids[i - 1]! < id);

/**
 * A stream of uniform integers from HMAC-SHA256(seed, counter): the counter is an unsigned
 * 64-bit big-endian integer from 0, one per HMAC; each integer is the first 4 bytes of an
 * HMAC read as unsigned big-endian, redrawn (next counter) when it falls in the last
 * incomplete multiple of `m`, so that `x mod m` has no bias.
 */
class HmacStream {
  private counter = 0;

  constructor(
    private readonly h: FairnessCrypto,
    private readonly key: Uint8Array,
  ) {}

  below(m: number): number {
    const limit = TWO_32 - (TWO_32 % m);
    for (;;) {
      const msg = new Uint8Array(8);
      // Counters stay far below 2^53: the high 4 bytes carry what exceeds 32 bits.
      new DataView(msg.buffer).setUint32(0, Math.floor(this.counter / TWO_32));
      new DataView(msg.buffer).setUint32(4, this.counter % TWO_32);
      this.counter++;
      const mac = this.h.hmacSha256(this.key, msg);
      const x = new DataView(mac.buffer, mac.byteOffset, mac.byteLength).getUint32(0);
      if (x < limit) return x % m;
    }
  }
}

/**
 * The verifiable shuffle: Fisher–Yates over the sorted entries, from the last position
 * down to 1, swapping position i with j = below(i + 1). Anyone with the seed and the
 * entries gets the same order; nobody without the seed can predict it.
 */
export function fairShuffle(h: FairnessCrypto, seedHex: string, entries: readonly string[]): string[] {
  const key = fromHex(seedHex);
  if (!key) throw new Error('The seed is not hex');
  const order = sortedEntries(entries);
  const stream = new HmacStream(h, key);
  for (let i = order.length - 1; i >= 1; i--) {
    const j = stream.below(i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

export interface PublishedShuffle {
  commitment: string;
  seed: string;
  entries: readonly string[];
  entriesDigest: string;
  order: readonly string[];
}

/** What is wrong with a published shuffle, checked from its public data alone; null when it holds. */
export function shuffleProblem(h: FairnessCrypto, p: PublishedShuffle): string | null {
  const seed = fromHex(p.seed);
  if (seed?.length !== 32) return 'the seed is not 32 bytes of hex';
  if (h.sha256Hex(seed) !== p.commitment.toLowerCase()) return 'the seed does not hash to the commitment';
  // The list must be the sorted set the digest names: a reordered or repeated entry fails.
  if (!strictlyAscending(p.entries)) return 'the entries are not sorted ascending without repeats';
  if (entriesDigest(h, p.entries) !== p.entriesDigest) return 'the entries do not hash to entriesDigest';
  const expected = fairShuffle(h, p.seed, p.entries);
  if (expected.length !== p.order.length) return `the order has ${p.order.length} ids, the entries ${expected.length}`;
  const at = expected.findIndex((id, i) => id !== p.order[i]);
  return at < 0 ? null : `the order differs from the recomputed one at position ${at + 1}`;
}

/** Whether `order` is what the seed makes of `entries` (and `entries` is what the digest names). */
export function verifyShuffle(h: FairnessCrypto, published: PublishedShuffle): boolean {
  return shuffleProblem(h, published) === null;
}
