/**
 * The ids of the last `capacity` events a consumer handled: at-least-once delivery brings
 * an event again after a reconnect or a relay retry, and the consumer skips it.
 */
export class SeenIds {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 10_000) {}

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(id: string): void {
    this.ids.add(id);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value!);
  }
}
