import { createParser, type EventSourceMessage } from 'eventsource-parser';
import http from 'node:http';
import type { StreamHandlers } from './stream-connection.js';

/**
 * One SSE stream (`GET /v1/me/notifications/stream`, resumed with Last-Event-ID).
 * Resolves with a closer once the server answered 200, or null when it refused.
 */
export function connectSse(
  base: string,
  token: string,
  lastId: string | undefined,
  on: StreamHandlers,
): Promise<(() => void) | null> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { accept: 'text/event-stream', authorization: `Bearer ${token}` };
    if (lastId) headers['last-event-id'] = lastId;
    const req = http.request(`${base}/v1/me/notifications/stream`, { agent: false, headers });
    req.setTimeout(30_000, () => req.destroy());
    let established = false;
    let finished = false;
    const ended = (): void => {
      if (finished) return;
      finished = true;
      if (!established) return resolve(null);
      on.ended();
    };
    req.on('error', ended);
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return resolve(null);
      }
      established = true;
      req.setTimeout(0);
      resolve(() => req.destroy());
      const parser = createParser({ onEvent: (e) => frame(e, on) });
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => parser.feed(chunk));
      res.on('error', () => undefined);
      res.on('close', ended);
    });
    req.end();
  });
}

function frame(e: EventSourceMessage, on: StreamHandlers): void {
  if (!e.id) return; // only notifications carry ids
  let payload: unknown = {};
  try {
    payload = JSON.parse(e.data);
  } catch {
    /* recorded without its ids: the checker will not match it */
  }
  on.event(e.id, e.event ?? 'message', payload);
}
