import { pino, type Logger } from 'pino';
import { prettyDestination } from './log-pretty.js';

export type LogFormat = 'json' | 'pretty';

/** A terminal gets single readable lines; anything else (files, pipes, collectors) JSON. */
export function defaultLogFormat(stream: { isTTY?: boolean } = process.stdout): LogFormat {
  return stream.isTTY === true ? 'pretty' : 'json';
}

/** Fields that can carry a credential wherever they sit in a log line (pino paths, up to two levels deep). */
const SECRET_FIELDS = ['authorization', 'cookie', 'set-cookie', 'password', 'token', 'ticket', 'rawPacket'];
const REDACT_PATHS = SECRET_FIELDS.flatMap((f) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(f) ? f : `["${f}"]`;
  const sub = key.startsWith('[') ? key : `.${key}`;
  return [key, `*${sub}`, `*.*${sub}`, `req.headers${sub}`];
});

/**
 * Errors are logged by name, code and message only: Node's HTTP parser errors carry the
 * client's raw bytes (`rawPacket`, with its Authorization header and body), and other
 * errors may drag request objects along. The stack stays, since it names only our code.
 */
function errSerializer(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const e = err as Error & { code?: unknown };
  return { type: e.name, message: e.message, ...(typeof e.code === 'string' ? { code: e.code } : {}), stack: e.stack };
}

/**
 * The process logger: JSON lines with ISO times, or (`pretty`) one readable line per record,
 * coloured only on a terminal. Nothing logs request headers or bodies, and the fields
 * that could hold a secret are redacted anyway in case an object drags one along.
 */
export function createLogger(level: string, destination?: pino.DestinationStream, format: LogFormat = 'json'): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'livedrops-http' },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: errSerializer, error: errSerializer },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
  if (format === 'pretty') return pino(options, prettyDestination(destination ?? process.stdout));
  return destination ? pino(options, destination) : pino(options);
}
