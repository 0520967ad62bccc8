/**
 * Closing order. Inversify deactivates singletons in binding order, but the background
 * loops query the database and the brokers: they must stop before any connection closes,
 * whichever module bound what. Every connection's deactivation awaits `stopLoops` first.
 */
export class Lifecycle {
  private readonly stops: Array<() => Promise<void> | void> = [];
  private stopping: Promise<void> | undefined;

  /** Registers a loop's stop; run (most recent first) once, at the first connection's close. */
  onStop(stop: () => Promise<void> | void): void {
    this.stops.push(stop);
  }

  stopLoops(): Promise<void> {
    this.stopping ??= (async () => {
      for (const stop of [...this.stops].reverse()) await stop();
    })();
    return this.stopping;
  }
}

const owners = new WeakMap<object, Lifecycle>();

/** Marks `resource` as closing only after `life`'s loops stopped (see `closeAfterLoops`). */
export function guarded<T extends object>(resource: T, life: Lifecycle): T {
  owners.set(resource, life);
  return resource;
}

/** An `onDeactivation` for connections: loops first, then the connection itself. */
export function closeAfterLoops<T extends { close(): Promise<void> }>(resource: T): Promise<void> {
  return (owners.get(resource)?.stopLoops() ?? Promise.resolve()).then(() => resource.close());
}

/** Commits that wrote outbox rows nudge the relay, which may be resolved after the unit of work. */
export class OutboxSignal {
  private listener: () => void = () => undefined;

  listen(fn: () => void): void {
    this.listener = fn;
  }

  notify(): void {
    this.listener();
  }
}
