import { UsageError } from './errors.js';

const UNITS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 } as const;
const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** "30s", "10m", "1h", "1h30m", "2d" → milliseconds. Units in descending order, each at most once. */
export function parseDuration(text: string, flag = 'duration'): number {
  const m = DURATION.exec(text);
  if (!text || !m) throw new UsageError(`invalid ${flag} "${text}": expected e.g. 30s, 10m, 1h, 1h30m`);
  const [, d, h, min, s] = m;
  const ms =
    Number(d ?? 0) * UNITS.d + Number(h ?? 0) * UNITS.h + Number(min ?? 0) * UNITS.m + Number(s ?? 0) * UNITS.s;
  if (ms <= 0) throw new UsageError(`invalid ${flag} "${text}": must be longer than zero`);
  if (!Number.isSafeInteger(ms)) throw new UsageError(`invalid ${flag} "${text}": too long`);
  return ms;
}

/** 5400000 → "1h30m00s"; 54000 → "54s"; negative → "0s". For countdowns, so seconds always show. */
export function formatDuration(ms: number): string {
  let s = Math.max(0, Math.ceil(ms / 1000));
  const d = Math.floor(s / 86_400);
  s -= d * 86_400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (d) return `${d}d${pad(h)}h${pad(m)}m`;
  if (h) return `${h}h${pad(m)}m${pad(s)}s`;
  if (m) return `${m}m${pad(s)}s`;
  return `${s}s`;
}

// Full ISO 8601 date-times only: Date.parse would also take "March 3" and local-time guesses.
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;

/** An ISO 8601 date-time with a zone (Z or ±hh:mm) → epoch ms. */
export function parseInstant(text: string, flag: string): number {
  const ms = ISO.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms))
    throw new UsageError(`invalid ${flag} "${text}": expected an ISO 8601 time with a zone, e.g. 2026-11-21T19:00:00Z`);
  return ms;
}

/** A positive integer flag (stock, limits): digits only, no "1e3" or "10.0". */
export function parseCount(text: string, flag: string, min = 1, max = 10_000_000): number {
  const n = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
  if (!(n >= min && n <= max)) throw new UsageError(`invalid ${flag} "${text}": expected an integer ${min}..${max}`);
  return n;
}
