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

  constructor(private readonly d: { uow: UnitOfWork; clock: Clock }) {}

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
        );
      this.pending.set(dropId, (batch = { notes, done }));
    }
    batch.notes.push(note);
    return batch.done;
  }
}
