import type { Clock, QueueLine } from '@livedrops/core';

/** How long a built line is trusted before the admission loop rebuilds it from the record. */
const FRESH_MS = 2_000;

/**
 * One line: each user's place in join order (0, 1, 2 …) and a Fenwick tree counting the
 * places whose users have left, so a position is `place - left before it + 1` in O(log n).
 */
class Line {
  private readonly places = new Map<string, number>();
  private tree = new Int32Array(1024);
  private size = 0;

  constructor(
    readonly builtAt: number,
    waiting: readonly string[],
  ) {
    for (const u of waiting) this.add(u);
  }

  add(userId: string): void {
    if (this.places.has(userId)) return;
    if (this.size + 1 >= this.tree.length) this.grow();
    this.places.set(userId, this.size++);
  }

  leave(userId: string): void {
    const place = this.places.get(userId);
    if (place === undefined) return;
    this.places.delete(userId);
    for (let i = place + 1; i < this.tree.length; i += i & -i) this.tree[i]! += 1;
  }

  position(userId: string): number | undefined {
    const place = this.places.get(userId);
    if (place === undefined) return undefined;
    let gone = 0;
    for (let i = place; i > 0; i -= i & -i) gone += this.tree[i]!;
    return place - gone + 1;
  }

  /** Twice the room; the tree is rebuilt from who is still in line (every place not in `places` left). */
  private grow(): void {
    const present = new Uint8Array(this.tree.length * 2);
    for (const p of this.places.values()) present[p] = 1;
    this.tree = new Int32Array(this.tree.length * 2);
    for (let p = 0; p < this.size; p++) {
      if (!present[p]) for (let i = p + 1; i < this.tree.length; i += i & -i) this.tree[i]! += 1;
    }
  }
}

/**
 * Waiting rooms' lines in this process, for position reads that cost O(log n) however long
 * the line (the database's count is O(position), too slow for thousands polling each second).
 * The same protocol as the Redis copy: the admission loop builds it from the record, removes
 * those who left after each step and rebuilds it every 2 s; arrivals are added at the back.
 * Admissions by another instance (PostgreSQL without Redis) reach it at the next rebuild.
 */
export class MemoryQueueLine implements QueueLine {
  private readonly lines = new Map<string, Line>();

  constructor(private readonly clock: Clock) {}

  async position(dropId: string, userId: string): Promise<number | undefined> {
    return this.lines.get(dropId)?.position(userId);
  }

  async stale(dropId: string): Promise<boolean> {
    const line = this.lines.get(dropId);
    return !line || this.clock.now() - line.builtAt >= FRESH_MS;
  }

  async rebuild(dropId: string, waiting: readonly string[]): Promise<void> {
    if (waiting.length === 0) this.lines.delete(dropId);
    else this.lines.set(dropId, new Line(this.clock.now(), waiting));
  }

  async left(dropId: string, userIds: readonly string[]): Promise<void> {
    const line = this.lines.get(dropId);
    for (const u of userIds) line?.leave(u);
  }

  async joinedAll(dropId: string, userIds: readonly string[]): Promise<void> {
    const line = this.lines.get(dropId);
    for (const u of userIds) line?.add(u);
  }

  async joined(dropId: string, userId: string, _rank: number): Promise<number | undefined> {
    const line = this.lines.get(dropId);
    line?.add(userId);
    return line?.position(userId);
  }
}
