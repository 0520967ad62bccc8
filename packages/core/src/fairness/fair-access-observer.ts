/** What fair access reports as it runs (metrics). */
export interface FairAccessObserver {
  /** Users admitted from a waiting room in one step, each with how long after the drop's start. */
  admitted?(sinceStartMs: readonly number[]): void;
  /** A pass presented with an order: `used` (it was the user's own and live), `refused` (missing or not valid). */
  pass?(result: 'used' | 'refused'): void;
}
