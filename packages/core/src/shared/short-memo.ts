/**
 * A value per key, reused for `ttlMs` and shared by every caller in that time (also while it is
 * still being computed); a failed computation is forgotten so the next caller tries again, and
 * so is a value `keep` refuses, once the callers waiting for it have it.
 * For reads thousands of requests a second would repeat, where an answer this old is fine.
 */
export class ShortMemo<T> {
  private readonly hits = new Map<string, { at: number; value: Promise<T> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxKeys = 1_000,
    private readonly keep: (value: T) => boolean = () => true,
  ) {}

  get(key: string, now: number, compute: () => Promise<T>): Promise<T> {
    const hit = this.hits.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    if (this.hits.size >= this.maxKeys) this.hits.clear();
    const value = compute();
    this.hits.set(key, { at: now, value });
    const forget = () => this.hits.get(key)?.value === value && this.hits.delete(key);
    value.then((v) => !this.keep(v) && forget(), forget);
    return value;
  }
}
