import type { AdmitTuning } from './admit-tuning.js';
import type { PositionNote, WaitingUser } from './queue.js';
import { etaSeconds } from './queue-timing.js';

export interface TellingNow {
  /** Admissions per second lately (the ETA's pace). */
  pace: number;
  now: number;
  /** How long one who knows their place waits between updates now (longer under pressure). */
  updateGapMs: number;
  /** Users to leave be this time (their answer told them; its note is on its way). */
  skip: (userId: string) => boolean;
}

/**
 * Who in `line` (in line order) hears `queue.position` now: nobody within `positionGapMs` of
 * the last time (`updateGapMs` once they know a place), then only those whose place moved by
 * `positionStep` or more, or whose ETA appeared, went, or moved by `etaStepSeconds`.
 */
export function placesToTell(
  line: readonly WaitingUser[],
  c: TellingNow,
  t: Pick<AdmitTuning, 'positionGapMs' | 'positionStep' | 'etaStepSeconds'>,
): PositionNote[] {
  const notes: PositionNote[] = [];
  for (const [i, w] of line.entries()) {
    const position = i + 1;
    const eta = etaSeconds(position, c.pace);
    const gap = w.toldPosition === null ? t.positionGapMs : c.updateGapMs;
    if (w.toldAt !== null && c.now - w.toldAt < gap) continue;
    if (w.toldAt === null && c.skip(w.userId)) continue;
    const moved = w.toldPosition === null || Math.abs(position - w.toldPosition) >= t.positionStep * w.toldPosition;
    const later =
      (w.toldEta === null) !== (eta === null) || (eta !== null && Math.abs(eta - (w.toldEta ?? 0)) >= t.etaStepSeconds);
    if (moved || later) notes.push({ userId: w.userId, position, eta });
  }
  return notes;
}
