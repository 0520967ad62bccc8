import type { DestinationStream } from 'pino';

type Sink = { write(text: string): unknown; isTTY?: boolean };
type Rec = Record<string, unknown>;

const LEVELS: Record<number, [label: string, colour: number]> = {
  10: ['TRACE', 90],
  20: ['DEBUG', 90],
  30: ['INFO ', 36],
  40: ['WARN ', 33],
  50: ['ERROR', 31],
  60: ['FATAL', 31],
};
// What every record carries, or what the line already shows in its own words.
const HIDDEN = new Set(['level', 'time', 'msg', 'service', 'pid', 'hostname', 'err', 'reqId']);
const REQUEST = new Set(['method', 'route', 'path', 'status', 'durationMs']);

/** No colour unless on a terminal, and never with NO_COLOR or TERM=dumb (no-color.org). */
export function colourFor(sink: Sink, env: NodeJS.ProcessEnv = process.env): boolean {
  return sink.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb';
}

const value = (v: unknown): string => (typeof v === 'string' && !/\s/.test(v) && v !== '' ? v : JSON.stringify(v));

/**
 * One pino record as a person reads it: `14:03:07 INFO  GET /v1/drops/… 404 12 ms`, then any
 * other fields as key=value, and an error's stack indented below.
 */
export function formatRecord(rec: Rec, colour: boolean): string {
  const paint = (code: number, text: string): string => (colour ? `\x1b[${code}m${text}\x1b[39m` : text);
  const [label, code] = LEVELS[Number(rec.level)] ?? ['LOG  ', 39];
  const time = (typeof rec.time === 'string' ? rec.time : new Date(Number(rec.time)).toISOString()).slice(11, 19);
  const request = rec.msg === 'request' && typeof rec.method === 'string';
  const text = request
    ? `${rec.method} ${rec.path} ${rec.status} ${Math.round(Number(rec.durationMs))} ms`
    : String(rec.msg ?? '');
  const extra = Object.entries(rec)
    .filter(([k]) => !HIDDEN.has(k) && !(REQUEST.has(k) && (request || k === 'route')))
    .map(([k, v]) => `${k}=${value(v)}`);
  if (rec.reqId && (request || rec.err)) extra.push(`req=${rec.reqId}`);
  const err = rec.err as { message?: string; stack?: string } | undefined;
  const stack = err ? `\n    ${(err.stack ?? err.message ?? '').split('\n').join('\n    ')}` : '';
  const fields = extra.length ? `  ${paint(90, extra.join(' '))}` : '';
  return `${paint(90, time)} ${paint(code, label)} ${text}${fields}${stack}`;
}

/** A pino destination that writes each record as one readable line (plus a stack for errors). */
export function prettyDestination(sink: Sink, env: NodeJS.ProcessEnv = process.env): DestinationStream {
  const colour = colourFor(sink, env);
  return {
    write(line: string) {
      let rec: Rec;
      try {
        rec = JSON.parse(line) as Rec;
      } catch {
        return sink.write(line);
      }
      return sink.write(`${formatRecord(rec, colour)}\n`);
    },
  };
}
