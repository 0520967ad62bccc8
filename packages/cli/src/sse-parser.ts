/** One dispatched server-sent event. */
export interface SseEvent {
  id: string | undefined;
  event: string;
  data: string;
}

/**
 * The event-stream line parser of the HTML standard (§9.2.6), incremental: feed it text as
 * it arrives, in chunks cut anywhere. Lines end in CRLF, LF or CR; a CR at the end of one
 * chunk and an LF at the start of the next are one line break, not two.
 */
export class SseParser {
  private buffer = '';
  private skipLf = false;
  private data: string[] = [];
  private eventType = '';
  private pendingId: string | undefined;
  /** The last event id seen, kept across events: what `Last-Event-ID` resumes from. */
  lastEventId: string | undefined;
  /** The server's `retry:` advice in ms, if it gave any. */
  retryMs: number | undefined;

  private fresh = true;

  push(chunk: string): SseEvent[] {
    const out: SseEvent[] = [];
    let text = this.buffer + chunk;
    if (this.fresh && text.length > 0) {
      if (text.startsWith('\uFEFF')) text = text.slice(1);
      this.fresh = false;
    }
    if (this.skipLf && text.startsWith('\n')) text = text.slice(1);
    this.skipLf = false;
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch !== '\n' && ch !== '\r') continue;
      this.line(text.slice(start, i), out);
      if (ch === '\r') {
        if (i + 1 === text.length) this.skipLf = true;
        else if (text[i + 1] === '\n') i++;
      }
      start = i + 1;
    }
    this.buffer = text.slice(start);
    return out;
  }

  /** A new connection: drop the half-received event, keep lastEventId and retryMs. */
  reset(): void {
    this.buffer = '';
    this.skipLf = false;
    this.fresh = true;
    this.data = [];
    this.eventType = '';
    this.pendingId = undefined;
  }

  private line(line: string, out: SseEvent[]): void {
    if (line === '') return this.dispatch(out);
    if (line.startsWith(':')) return; // a comment: heartbeats keep proxies from closing the stream
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.eventType = value;
    else if (field === 'id' && !value.includes('\0')) this.pendingId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value);
  }

  private dispatch(out: SseEvent[]): void {
    if (this.pendingId !== undefined) this.lastEventId = this.pendingId;
    this.pendingId = undefined;
    // Per the standard the id sticks even for an event without data, but nothing is dispatched.
    if (this.data.length > 0) out.push({ id: this.lastEventId, event: this.eventType || 'message', data: this.data.join('\n') });
    this.data = [];
    this.eventType = '';
  }
}
