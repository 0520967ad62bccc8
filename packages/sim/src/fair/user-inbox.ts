/** A notification as the waiting-room user's app heard it on its stream. */
export interface HeardEvent {
  type: string;
  data: Record<string, unknown>;
  /** When it arrived (ms since the epoch). */
  at: number;
}

interface Box {
  events: HeardEvent[];
  wake: (() => void) | undefined;
}

/**
 * What each user's stream delivered, for that user's loop to take in order: `next` waits
 * for the next event, or gives null after `ms` so the loop can read its place instead, as
 * an app does when its stream has been quiet for long.
 */
export class UserInbox {
  private readonly boxes = new Map<number, Box>();

  private box(user: number): Box {
    let b = this.boxes.get(user);
    if (!b) this.boxes.set(user, (b = { events: [], wake: undefined }));
    return b;
  }

  deliver(user: number, e: HeardEvent): void {
    const b = this.box(user);
    b.events.push(e);
    b.wake?.();
  }

  /** Wakes every waiting `next` (which then gives what arrived, or null): loops told to stop stop now. */
  wakeAll(): void {
    for (const b of this.boxes.values()) b.wake?.();
  }

  async next(user: number, ms: number): Promise<HeardEvent | null> {
    const b = this.box(user);
    if (b.events.length === 0) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        b.wake = resolve;
        timer = setTimeout(resolve, ms);
      });
      clearTimeout(timer);
      b.wake = undefined;
    }
    return b.events.shift() ?? null;
  }
}
