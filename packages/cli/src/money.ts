import { UsageError } from './errors.js';

// The API's priceCents range (api.md, Products): 0.01 up to 10,000,000.00.
const MAX_CENTS = 1_000_000_000;
const DECIMAL = /^(\d+)(?:\.(\d{1,2}))?$/;

/**
 * "49.99" → 4999, "0.1" → 10, "7" → 700. Works on the digits as text: parseFloat("0.29") * 100
 * is 28.999999999999996, and money must never depend on rounding that away.
 * Throws UsageError (exit 2) for signs, exponents, separators, more than two decimals, zero
 * or more than the API accepts.
 */
export function parsePrice(text: string): number {
  const m = DECIMAL.exec(text);
  if (!m) {
    const why = /^\d+\.\d{3,}$/.test(text) ? 'at most two decimals' : 'a decimal amount like 49.99';
    throw new UsageError(`invalid price "${text}": expected ${why}`);
  }
  const whole = m[1]!.replace(/^0+(?=\d)/, '');
  // Beyond 8 whole digits the amount is over the maximum anyway; stop before Number loses digits.
  if (whole.length > 8) throw new UsageError(`invalid price "${text}": the maximum is ${formatCents(MAX_CENTS)}`);
  const cents = Number(whole) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (cents < 1) throw new UsageError(`invalid price "${text}": must be at least 0.01`);
  if (cents > MAX_CENTS) throw new UsageError(`invalid price "${text}": the maximum is ${formatCents(MAX_CENTS)}`);
  return cents;
}

/** 4999 → "49.99", integer arithmetic only. */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export const formatMoney = (cents: number, currency: string): string => `${formatCents(cents)} ${currency}`;
