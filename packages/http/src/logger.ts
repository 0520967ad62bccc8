import { pino, type Logger } from 'pino';

/**
 * The process logger: JSON lines. Nothing logs request headers or bodies, and these
 * paths are redacted anyway in case an error object drags one along.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'livedrops-http' },
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
  return destination ? pino(options, destination) : pino(options);
}
