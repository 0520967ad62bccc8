import type { FieldError } from '../shared/domain-error.js';

/**
 * How buyers get at a drop (api.md 1.1, "Fair access"): `open` (first come, as in 1.0),
 * `queue` (a waiting room admits buyers against the stock) or `draw` (entries in a window,
 * winners drawn at its close).
 */
export type Access = 'open' | 'queue' | 'draw';
export const ACCESSES: readonly Access[] = ['open', 'queue', 'draw'];

/** The access fields of a drop, fixed at creation. */
export interface AccessFields {
  access?: Access;
  /** Until then only users who followed the creator before the drop was created take part. */
  followersFirstUntil?: number | null;
  /** Draws: the entry window, before `startsAt`. */
  entriesOpenAt?: number | null;
  entriesCloseAt?: number | null;
  /** Queue and draw drops: lowercase hex SHA-256 of the secret seed; null on open drops. */
  commitment?: string | null;
}

export interface AccessInput {
  access?: Access | undefined;
  followersFirstUntil?: number | undefined;
  entriesOpenAt?: number | undefined;
  entriesCloseAt?: number | undefined;
}

/** The cross-field rules of the access fields, as field errors (none when valid). */
export function accessErrors(
  input: AccessInput,
  window: { startsAt: number; endsAt: number; now: number },
): FieldError[] {
  const errors: FieldError[] = [];
  const access = input.access ?? 'open';
  if (!ACCESSES.includes(access)) errors.push({ path: 'access', message: `must be one of ${ACCESSES.join(', ')}` });
  const f = input.followersFirstUntil;
  if (f !== undefined && !(f >= window.startsAt && f <= window.endsAt)) {
    errors.push({ path: 'followersFirstUntil', message: 'must be between startsAt and endsAt' });
  }
  const { entriesOpenAt: open, entriesCloseAt: close } = input;
  if (access !== 'draw') {
    if (open !== undefined) errors.push({ path: 'entriesOpenAt', message: 'only applies to access "draw"' });
    if (close !== undefined) errors.push({ path: 'entriesCloseAt', message: 'only applies to access "draw"' });
    return errors;
  }
  if (open === undefined) errors.push({ path: 'entriesOpenAt', message: 'is required for access "draw"' });
  if (close === undefined) errors.push({ path: 'entriesCloseAt', message: 'is required for access "draw"' });
  if (open === undefined || close === undefined) return errors;
  if (!(open < close)) errors.push({ path: 'entriesCloseAt', message: 'must be after entriesOpenAt' });
  else if (!(close <= window.startsAt))
    errors.push({ path: 'entriesCloseAt', message: 'must be at or before startsAt' });
  else if (!(close > window.now)) errors.push({ path: 'entriesCloseAt', message: 'must be in the future' });
  return errors;
}

export const accessOf = (drop: AccessFields): Access => drop.access ?? 'open';

/** Whether, at `now`, only the creator's earlier followers may take part. */
export function followersOnly(drop: AccessFields, now: number): boolean {
  return drop.followersFirstUntil != null && now < drop.followersFirstUntil;
}
