import { dropStatus, heldUnits, type Drop } from '../drops/drop.js';
import type { QueueRepository, QueueState } from './queue.js';

/** How long after a start a place the line's copy cannot give is left to the stream (see `view`). */
export const PLACING_MS = 5_000;

/** What `POST/GET /v1/drops/{id}/queue` answer. */
export interface QueueView {
  state: QueueState;
  /** 1-based; null before the start's shuffle has placed a pre-queue entry, and once out of the line. */
  position: number | null;
  etaSeconds: number | null;
  pass: string | null;
  passExpiresAt: number | null;
}

/** How far back admissions are counted to tell an ETA. */
const PACE_WINDOW_MS = 30_000;

/** Admissions per second over the last 30 s: the pace an ETA is told from. */
export async function admissionPace(
  queues: Pick<QueueRepository, 'admittedSince'>,
  dropId: string,
  now: number,
): Promise<number> {
  return (await queues.admittedSince(dropId, now - PACE_WINDOW_MS)) / (PACE_WINDOW_MS / 1000);
}

/** Seconds until admission at `perSecond` admissions; null while nobody has been admitted lately. */
export function etaSeconds(position: number | null, perSecond: number): number | null {
  return position === null || perSecond <= 0 ? null : Math.ceil(position / perSecond);
}

/** No more buyers can get in: ended, cancelled, or sold out with no hold left that could expire. */
export function closed(drop: Drop, now: number): boolean {
  const s = dropStatus(drop, now);
  return s === 'ended' || s === 'cancelled' || (s === 'sold_out' && heldUnits(drop) === 0);
}
