/**
 * A value per key, reused for `ttlMs` and shared by every caller in that time (also while it is
 * still being computed); a failed computation is forgotten so the next caller tries again.
 * For reads thousands of requests a second would repeat, where an answer this old is fine.
 */
export class ShortMemo<T> {
  private readonly hits = new Map<string, { at: number; value: Promise<T> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxKeys = 1_000,
  ) {}

  get(key: string, now: number, compute: () => Promise<T>): Promise<T> {
    const hit = this.hits.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    if (this.hits.size >= this.maxKeys) this.hits.clear();
    const value = compute();
    this.hits.set(key, { at: now, value });
    value.catch(() => this.hits.get(key)?.value === value && this.hits.delete(key));
    return value;
  }
}
