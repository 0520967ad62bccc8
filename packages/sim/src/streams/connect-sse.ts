import http from 'node:http';
import type { StreamHandlers } from './stream-connection.js';

/**
 * One SSE stream (`GET /v1/me/notifications/stream`, resumed with Last-Event-ID).
 * Resolves with a closer once the server answered 200, or null when it refused.
 */
export function connectSse(base: string, token: string, lastId: string | undefined, on: StreamHandlers): Promise<(() => void) | null> {
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
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let cut: number;
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          frame(buf.slice(0, cut), on);
          buf = buf.slice(cut + 2);
        }
      });
      res.on('error', () => undefined);
      res.on('close', ended);
    });
    req.end();
  });
}

function frame(block: string, on: StreamHandlers): void {
  let id: string | undefined;
  let type = 'message';
  let data = '';
  for (const line of block.split('\n')) {
    if (line.startsWith('id:')) id = line.slice(3).trim();
    else if (line.startsWith('event:')) type = line.slice(6).trim();
    else if (line.startsWith('data:')) data += line.slice(5).trim();
  }
  if (!id) return; // heartbeats and retry advice
  let payload: unknown = {};
  try {
    payload = JSON.parse(data);
  } catch {
    /* recorded without its ids: the checker will not match it */
  }
  on.event(id, type, payload);
}
