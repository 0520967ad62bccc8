import { pino, type Logger } from 'pino';

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
 * The process logger: JSON lines. Nothing logs request headers or bodies, and the fields
 * that could hold a secret are redacted anyway in case an object drags one along.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'livedrops-http' },
    serializers: { err: errSerializer, error: errSerializer },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
