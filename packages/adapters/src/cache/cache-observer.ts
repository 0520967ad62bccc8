/** Told of every cache read: the key (`drop:…`, `product:…`, `creator:…`) and whether it hit. */
export type CacheObserver = (key: string, hit: boolean) => void;

/** The kind of document a key names, for metrics labels. */
export function cacheKind(key: string): string {
  const i = key.indexOf(':');
  return i < 0 ? key : key.slice(0, i);
}

/** Raises numeric fields of `doc` to at least the given floors (a drop's `sold`). */
export function mergeFloors(doc: object, floors: Iterable<[string, number]>): void {
  const d = doc as Record<string, unknown>;
  for (const [field, value] of floors) {
    const cur = d[field];
    if (typeof cur !== 'number' || cur < value) d[field] = value;
  }
}
