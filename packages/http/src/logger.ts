import { pino, type Logger } from 'pino';
import { prettyDestination } from './log-pretty.js';

export type LogFormat = 'json' | 'pretty';

/** A terminal gets single readable lines; anything else (files, pipes, collectors) JSON. */
export function defaultLogFormat(stream: { isTTY?: boolean } = process.stdout): LogFormat {
  return stream.isTTY === true ? 'pretty' : 'json';
}

/**
 * The process logger: JSON lines with ISO times, or (`pretty`) one readable line per record,
 * coloured only on a terminal. Nothing logs request headers or bodies, and these paths are
 * redacted anyway in case an error object drags one along.
 */
export function createLogger(level: string, destination?: pino.DestinationStream, format: LogFormat = 'json'): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'livedrops-http' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'req.headers.authorization',
        'headers.authorization',
        'authorization',
        'password',
        '*.password',
        'token',
        '*.token',
        'ticket',
        '*.ticket',
      ],
      censor: '[redacted]',
    },
  };
  if (format === 'pretty') return pino(options, prettyDestination(destination ?? process.stdout));
  return destination ? pino(options, destination) : pino(options);
}
