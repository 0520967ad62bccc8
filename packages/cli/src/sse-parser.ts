import { createParser, type EventSourceParser } from 'eventsource-parser';

/** One dispatched server-sent event. */
export interface SseEvent {
  id: string | undefined;
  event: string;
  data: string;
}

/**
 * The event-stream parser (eventsource-parser, the HTML standard's rules: lines cut
 * anywhere, CRLF/LF/CR, a leading BOM) with what a reconnecting client keeps besides:
 * the last event id across events (`Last-Event-ID`) and the server's retry advice.
 */
export class SseParser {
  /** The last event id seen, kept across events: what `Last-Event-ID` resumes from. */
  lastEventId: string | undefined;
  /** The server's `retry:` advice in ms, if it gave any. */
  retryMs: number | undefined;
  private out: SseEvent[] = [];
  private readonly parser: EventSourceParser = createParser({
    onEvent: (e) => {
      if (e.id !== undefined) this.lastEventId = e.id;
      this.out.push({ id: this.lastEventId, event: e.event ?? 'message', data: e.data });
    },
    onRetry: (ms) => {
      this.retryMs = ms;
    },
  });

  /** The events `chunk` completes, in order. */
  push(chunk: string): SseEvent[] {
    this.parser.feed(chunk);
    const done = this.out;
    this.out = [];
    return done;
  }

  /** A new connection: drop the half-received event, keep lastEventId and retryMs. */
  reset(): void {
    this.parser.reset();
    this.out = [];
  }
}
