import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ErrorCode } from '@livedrops/core';
import { problemReply } from './errors/problem.js';

/** Request headers at most this many bytes (api.md, Security and hygiene): beyond, 431. */
export const MAX_HEADER_BYTES = 16 * 1024;

/**
 * Errors Node's HTTP parser raises before a request exists (malformed chunking, both
 * Content-Length and Transfer-Encoding, control characters, oversized headers, header or
 * body timeouts). Answered like every other error, as problem+json with a request id, and
 * logged by parser code only: the error's `rawPacket` holds the client's bytes, credentials
 * included, so neither it nor the message (which may quote them) is ever written out.
 */
export function answerClientErrors(server: Server, logger: Logger): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    const parserCode = typeof err.code === 'string' ? err.code : 'unknown';
    // A client too slow with its headers or body is dropped (api.md), as is one already gone.
    if (parserCode === 'ECONNRESET' || parserCode === 'ERR_HTTP_REQUEST_TIMEOUT' || !socket.writable) {
      socket.destroy();
      return;
    }
    const requestId = randomUUID();
    logger.info({ reqId: requestId, parserCode }, 'malformed request refused');
    const code: ErrorCode = parserCode === 'HPE_HEADER_OVERFLOW' ? 'headers_too_large' : 'validation_failed';
    const tooLarge = code === 'headers_too_large';
    const detail = tooLarge
      ? `The request headers exceed ${MAX_HEADER_BYTES} bytes`
      : 'The request is not well-formed HTTP';
    const errors = tooLarge ? {} : { errors: [{ path: 'request', message: 'is malformed' }] };
    const reply = problemReply(code, detail, errors, '/');
    const body = JSON.stringify(reply.body);
    const head = [
      `HTTP/1.1 ${reply.status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}`,
      `Content-Type: ${reply.type}`,
      `Content-Length: ${Buffer.byteLength(body)}`,
      `X-Request-Id: ${requestId}`,
      'X-Content-Type-Options: nosniff',
      'Cache-Control: no-store',
      'Connection: close',
    ];
    socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
  });
}
