/** How far the server's clock is ahead of this browser's (set from the page's data). */
let offset = 0;
export const setServerNow = (serverNow: number): void => void (offset = serverNow - Date.now());
/** Now, by the server's clock: countdowns end when the server opens the drop. */
export const serverNow = (): number => Date.now() + offset;

export const money = (cents: number, currency: string): string =>
  new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(cents / 100);

/** `2d 03:04:05`, `03:04:05`, `04:05`: time left, to the second. */
export function countdown(ms: number): string {
  let s = Math.max(0, Math.ceil(ms / 1000));
  const d = Math.floor(s / 86_400);
  s -= d * 86_400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const p = (n: number): string => String(n).padStart(2, '0');
  const clock = h || d ? `${p(h)}:${p(m)}:${p(s)}` : `${p(m)}:${p(s)}`;
  return d ? `${d}d ${clock}` : clock;
}

/** A date and time in the reader's own zone: `21 Nov, 19:00`. */
export const when = (iso: string): string =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

/** A time of day to the second, in the reader's zone (`16:36:42`): a hold's deadline. */
export const clockTime = (iso: string): string =>
  new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' }).format(new Date(iso));

/** `3 s ago`, `5 min ago`, or the date. */
export function ago(iso: string, now = serverNow()): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  return when(iso);
}

export const left = (available: number, total: number): string => `${available} of ${total} left`;
