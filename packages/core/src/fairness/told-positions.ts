import type { Clock } from '../shared/clock.port.js';
import type { UnitOfWork } from '../shared/unit-of-work.port.js';
import type { PositionNote } from './queue.js';

/**
 * Records the positions that joins answered, so the admission step does not tell them again:
 * the notes of one drop gathered over a turn of the event loop go in one unit of work (at a
 * celebrity's start, a transaction per join would be thousands a second). Best effort: a note
 * that fails to land only means that user hears their place once more on the stream.
 */
export class ToldPositions {
  private readonly pending = new Map<string, { notes: PositionNote[]; done: Promise<void> }>();
  /** `dropId userId` of every note not committed yet, for `has`. */
  private readonly uncommitted = new Set<string>();

  constructor(private readonly d: { uow: UnitOfWork; clock: Clock }) {}

  /**
   * Whether this process told the user their place in an answer whose note has not committed
   * yet: the admission step, which reads what users were told from the record, leaves them be.
   */
  has(dropId: string, userId: string): boolean {
    return this.uncommitted.has(`${dropId} ${userId}`);
  }

  note(dropId: string, note: PositionNote): Promise<void> {
    let batch = this.pending.get(dropId);
    if (!batch) {
      const notes: PositionNote[] = [];
      const done = new Promise<void>((resolve) => setTimeout(resolve, 0))
        .then(() => {
          this.pending.delete(dropId);
          const at = this.d.clock.now();
          return this.d.uow.run((tx) => tx.queues.notePositions(dropId, notes, at, 0));
        })
        .then(
          () => undefined,
          () => undefined,
        )
        .finally(() => {
          for (const n of notes) this.uncommitted.delete(`${dropId} ${n.userId}`);
        });
      this.pending.set(dropId, (batch = { notes, done }));
    }
    batch.notes.push(note);
    this.uncommitted.add(`${dropId} ${note.userId}`);
    return batch.done;
  }
}
