import { send } from './api.js';
import { store } from './store.js';
import type { Notification } from './types.js';

/** Every event type the stream may send; newer servers add some (holds, queues), listened to ahead. */
const TYPES = [
  'drop.started',
  'stock.low',
  'drop.sold_out',
  'order.confirmed',
  'order.held',
  'order.expired',
  'order.cancelled',
  'order.offered',
  'queue.position',
  'queue.admitted',
  'queue.closed',
  'draw.won',
  'draw.lost',
];

export type FeedState = 'off' | 'connecting' | 'live' | 'retrying';
export const feedState$ = store<FeedState>('off');
/** Notifications that arrived since the inbox was last looked at. */
export const unread$ = store(0);

type Listener = (n: Notification) => void;
const listeners = new Set<Listener>();
const resyncs = new Set<() => void>();
const seen = new Set<string>();
let source: EventSource | undefined;
let retry: ReturnType<typeof setTimeout> | undefined;
let attempt = 0;
let wanted = false;

/** Hears every notification once (the stream is at least once); returns the unsubscriber. */
export function onNotification(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Called after each reconnect: what came while away is read from the inbox, not the stream. */
export function onResync(fn: () => void): () => void {
  resyncs.add(fn);
  return () => resyncs.delete(fn);
}

function deliver(e: MessageEvent<string>): void {
  let n: Notification;
  try {
    n = JSON.parse(e.data) as Notification;
  } catch {
    return;
  }
  if (seen.has(n.id)) return;
  seen.add(n.id);
  unread$.set(unread$.get() + 1);
  for (const l of [...listeners]) l(n);
}

/**
 * Opens the signed-in user's stream. EventSource cannot send headers, so each connection
 * starts with a single-use ticket (POST /v1/me/notifications/ticket, on the session cookie);
 * a dropped connection is opened again with a fresh ticket after a growing pause.
 */
export async function startFeed(): Promise<void> {
  wanted = true;
  if (source || retry) return;
  feedState$.set(attempt ? 'retrying' : 'connecting');
  try {
    const { ticket } = await send<{ ticket: string }>('POST', '/v1/me/notifications/ticket');
    if (!wanted) return;
    const es = new EventSource(`/v1/me/notifications/stream?ticket=${encodeURIComponent(ticket)}`);
    source = es;
    for (const type of TYPES) es.addEventListener(type, deliver as EventListener);
    es.onopen = () => {
      const again = attempt > 0;
      attempt = 0;
      feedState$.set('live');
      if (again) for (const r of [...resyncs]) r();
    };
    // The browser would retry with the spent ticket: close, and come back with a new one.
    es.onerror = () => reconnect();
  } catch {
    reconnect();
  }
}

function reconnect(): void {
  source?.close();
  source = undefined;
  if (!wanted || retry) return;
  attempt++;
  feedState$.set('retrying');
  retry = setTimeout(
    () => {
      retry = undefined;
      void startFeed();
    },
    Math.min(10_000, 500 * 2 ** Math.min(attempt, 5)),
  );
}

export function stopFeed(): void {
  wanted = false;
  clearTimeout(retry);
  retry = undefined;
  source?.close();
  source = undefined;
  attempt = 0;
  feedState$.set('off');
}
