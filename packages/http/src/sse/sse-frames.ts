import type { Notification } from '@livedrops/core';
import { notificationJson } from '../schemas/notification.schema.js';

// One notification object travels to every recipient's stream; its frame is built (and
// encoded) once, not once per socket.
const frames = new WeakMap<Notification, Buffer>();

/** The SSE frame of a notification: `id:` (its id), `event:` (its type), `data:` (its JSON). */
export function notificationFrame(n: Notification): Buffer {
  let frame = frames.get(n);
  if (frame === undefined) {
    // JSON.stringify never emits a raw newline, so `data:` stays one line.
    frame = Buffer.from(`id: ${n.id}\nevent: ${n.type}\ndata: ${JSON.stringify(notificationJson(n))}\n\n`);
    frames.set(n, frame);
  }
  return frame;
}

/** A comment line: ignored by clients, but it keeps proxies and idle timers from closing the stream. */
export const HEARTBEAT = ': heartbeat\n\n';

/** Sent first: how long clients wait before reconnecting, and a byte so headers flush. */
export const PREAMBLE = 'retry: 1000\n: connected\n\n';
