import type { Res } from './client.js';

/** The cookies a response set, by name: `{ value, attrs }` with attributes lower-cased. */
export function cookiesOf(res: Res): Map<string, { value: string; attrs: string[] }> {
  const out = new Map<string, { value: string; attrs: string[] }>();
  for (const line of res.headers.getSetCookie()) {
    const [pair, ...attrs] = line.split(';').map((s) => s.trim());
    const eq = pair!.indexOf('=');
    out.set(pair!.slice(0, eq), { value: pair!.slice(eq + 1), attrs: attrs.map((a) => a.toLowerCase()) });
  }
  return out;
}
