import { request, type ClientRequest } from 'node:http';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { Person } from './fault-clients.js';

export interface StreamEvent {
  id: string;
  type: string;
  data: any;
}

/**
 * A follower's notification stream as a browser's EventSource keeps it: on any end or
 * error it reconnects (here: to the next instance) with Last-Event-ID, and so resumes.
 */
export class Follower {
  readonly events: StreamEvent[] = [];
  readonly seen = new Set<string>();
  duplicates = 0;
  reconnects = 0;
  private req: ClientRequest | undefined;
  private stopped = false;

  constructor(
    readonly person: Person,
    private readonly urls: string[],
    private at: number,
  ) {}

  start(): void {
    this.connect();
  }

  private connect(): void {
    if (this.stopped) return;
    const headers: Record<string, string> = {
      accept: 'text/event-stream',
      authorization: `Bearer ${this.person.token}`,
    };
    const last = this.events[this.events.length - 1];
    if (last) headers['last-event-id'] = last.id;
    const retry = () => {
      if (this.stopped || this.req !== req) return;
      this.req = undefined;
      this.reconnects++;
      this.at++;
      setTimeout(() => this.connect(), 200);
    };
    const req = request(`${this.urls[this.at % this.urls.length]}/v1/me/notifications/stream`, {
      headers,
      agent: false,
    });
    this.req = req;
    req.on('error', retry);
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        res.on('end', retry);
        return;
      }
      const parser = createParser({ onEvent: (e) => this.frame(e) });
      res.setEncoding('utf8');
      res.on('data', (d: string) => parser.feed(d));
      res.on('end', retry);
      res.on('error', retry);
      res.on('close', retry);
    });
    req.end();
  }

  private frame(e: EventSourceMessage): void {
    if (!e.id || !e.event) return;
    if (this.seen.has(e.id)) this.duplicates++;
    this.seen.add(e.id);
    this.events.push({ id: e.id, type: e.event, data: JSON.parse(e.data || 'null') });
  }

  stop(): void {
    this.stopped = true;
    this.req?.destroy();
  }
}
