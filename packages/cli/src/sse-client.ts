import { SseParser, type SseEvent } from './sse-parser.js';

export type StreamState = 'connecting' | 'open' | 'unavailable' | 'unauthorized' | 'closed';

export interface SseOptions {
  url: URL;
  token: string;
  signal: AbortSignal;
  onEvent(event: SseEvent): void;
  onState?(state: StreamState, detail?: string): void;
  /** Resume point for the first connection, if the caller already saw some events. */
  lastEventId?: string;
  /** First reconnection delay; the server's `retry:` replaces it. */
  retryMs?: number;
  /** How long to wait before asking again when the server has no stream endpoint (404, 405, 501). */
  unavailableRetryMs?: number;
  /** No bytes for this long (the server promises a heartbeat every 15 s) means a dead connection. */
  idleTimeoutMs?: number;
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * A server-sent-events client on fetch (EventSource cannot send an Authorization header).
 * Reconnects until aborted, sending `Last-Event-ID` so the server resumes where we were;
 * backs off on errors; stops for good on 401 and on 204 (the standard's "stop reconnecting").
 */
export async function runSse(o: SseOptions): Promise<void> {
  const parser = new SseParser();
  parser.lastEventId = o.lastEventId;
  const baseRetry = o.retryMs ?? 1000;
  let failures = 0;
  while (!o.signal.aborted) {
    o.onState?.('connecting');
    const conn = new AbortController();
    const abort = (): void => conn.abort();
    o.signal.addEventListener('abort', abort, { once: true });
    let idle: NodeJS.Timeout | undefined;
    const touch = (): void => {
      clearTimeout(idle);
      idle = setTimeout(() => conn.abort(), o.idleTimeoutMs ?? 45_000);
    };
    let missing = false;
    try {
      const headers: Record<string, string> = {
        accept: 'text/event-stream',
        authorization: `Bearer ${o.token}`,
        'cache-control': 'no-cache',
      };
      if (parser.lastEventId !== undefined) headers['last-event-id'] = parser.lastEventId;
      touch();
      const res = await fetch(o.url, { headers, signal: conn.signal });
      if (res.status === 401 || res.status === 403) {
        o.onState?.('unauthorized', `HTTP ${res.status}`);
        return;
      }
      if (res.status === 204) {
        o.onState?.('closed', 'HTTP 204');
        return;
      }
      const isStream = (res.headers.get('content-type') ?? '').startsWith('text/event-stream');
      if (res.status !== 200 || !isStream || !res.body) {
        await res.body?.cancel();
        missing = res.status === 404 || res.status === 405 || res.status === 501;
        o.onState?.('unavailable', `HTTP ${res.status}`);
        if (!missing) failures++;
      } else {
        failures = 0;
        o.onState?.('open');
        parser.reset();
        const decoder = new TextDecoder();
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          touch();
          for (const ev of parser.push(decoder.decode(chunk, { stream: true }))) o.onEvent(ev);
        }
      }
    } catch {
      // Refused, reset or idle: try again after a pause, unless we were told to stop.
      if (!o.signal.aborted) failures++;
    } finally {
      clearTimeout(idle);
      o.signal.removeEventListener('abort', abort);
    }
    if (o.signal.aborted) break;
    const retry = parser.retryMs ?? baseRetry;
    await sleep(missing ? (o.unavailableRetryMs ?? 5000) : Math.min(retry * 2 ** failures, 30_000), o.signal);
  }
  o.onState?.('closed');
}
