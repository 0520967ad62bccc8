import { UsageError } from './errors.js';

// The API's priceCents range (api.md, Products), in the currency's minor unit.
const MAX_MINOR = 1_000_000_000;
// Digits with at most one point; a leading "0" may be left out (".5").
const DECIMAL = /^(\d*)(?:\.(\d+))?$/;

// The ISO 4217 codes this Node's ICU knows (current ones only: no XYZ, no test code XTS).
let codes: Set<string> | undefined;
const known = (code: string): boolean => (codes ??= new Set(Intl.supportedValuesOf('currency'))).has(code);

/** "eur" → "EUR"; a code that is not an ISO 4217 currency is a usage error (exit 2). */
export function parseCurrency(text: string, flag = '--currency'): string {
  const code = text.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code) || !known(code)) {
    throw new UsageError(`invalid ${flag} "${text}": not an ISO 4217 currency code (e.g. EUR, USD, JPY)`);
  }
  return code;
}

/** Decimal places of the currency's minor unit: 2 for EUR, 0 for JPY, 3 for BHD (ISO 4217, via ICU). */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * "49.99" EUR → 4999, ".5" → 50, "100" JPY → 100: the API's `priceCents` counts the currency's
 * minor unit. Works on the digits as text: parseFloat("0.29") * 100 is 28.999999999999996, and
 * money must never depend on rounding that away. Throws UsageError (exit 2) for signs,
 * exponents, separators, more decimals than the currency has, zero, or more than the API takes.
 */
export function parsePrice(text: string, currency = 'USD', flag = '--price'): number {
  const digits = minorDigits(currency);
  const m = DECIMAL.exec(text);
  if (!m || (m[1] === '' && m[2] === undefined)) {
    throw new UsageError(`invalid ${flag} "${text}": expected a decimal amount like ${example(digits)}`);
  }
  const fraction = m[2] ?? '';
  if (fraction.length > digits) {
    const why =
      digits === 0
        ? `${currency} has no minor unit: a whole amount`
        : `at most ${digits === 2 ? 'two' : digits} decimals for ${currency}`;
    throw new UsageError(`invalid ${flag} "${text}": ${why}`);
  }
  const whole = (m[1] || '0').replace(/^0+(?=\d)/, '');
  const max = formatMinor(MAX_MINOR, currency);
  // Beyond this many whole digits the amount is over the maximum anyway; stop before Number loses digits.
  if (whole.length > 10 - digits) throw new UsageError(`invalid ${flag} "${text}": the maximum is ${max}`);
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (minor < 1) throw new UsageError(`invalid ${flag} "${text}": must be at least ${formatMinor(1, currency)}`);
  if (minor > MAX_MINOR) throw new UsageError(`invalid ${flag} "${text}": the maximum is ${max}`);
  return minor;
}

const example = (digits: number): string => (digits === 0 ? '500' : `49.${'99'.padEnd(digits, '0').slice(0, digits)}`);

/** 4999 EUR → "49.99", 100 JPY → "100": integer arithmetic only. */
export function formatMinor(amount: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  if (digits === 0) return `${sign}${abs}`;
  const unit = 10 ** digits;
  return `${sign}${Math.floor(abs / unit)}.${String(abs % unit).padStart(digits, '0')}`;
}

export const formatMoney = (amount: number, currency: string): string => `${formatMinor(amount, currency)} ${currency}`;
