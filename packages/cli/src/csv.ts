/**
 * One RFC 4180 field: quoted when it holds a comma, quote, CR or LF, with quotes doubled.
 * A field a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe: display names are chosen by followers, and an export must not become an attack
 * on the creator who opens it (OWASP "CSV injection").
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A CSV record with CRLF, the line ending RFC 4180 specifies. */
export const csvRow = (fields: string[]): string => `${fields.map(csvField).join(',')}\r\n`;
