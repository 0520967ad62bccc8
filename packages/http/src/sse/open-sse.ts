import type { User } from '@livedrops/core';
import type { AppContext } from '../routing/route.js';
import type { LiveStreams } from '../streams/live-streams.js';
import { SseStream } from './sse-stream.js';

/**
 * Takes over the response and streams `user`'s notifications as text/event-stream, after
 * `lastEventId` if given, until the client leaves or the session (`sessionHash`) is revoked.
 */
export async function openSse(
  streams: LiveStreams,
  ctx: AppContext,
  caller: { user: User; sessionHash: string },
  lastEventId: string | undefined,
): Promise<void> {
  const { stream, catchUp, release } = await streams.open(
    caller.user,
    lastEventId,
    () =>
      new SseStream(ctx.res, {
        maxBufferedBytes: streams.tuning.maxBufferedBytes,
        maxPending: streams.tuning.maxPending,
        onLive: (n) => streams.observer.delivered?.(n),
      }),
    caller.sessionHash,
  );
  ctx.req.socket.setTimeout(0);
  ctx.req.socket.setNoDelay(true);
  // The client may have gone while the checks awaited: its 'close' has fired already.
  if (ctx.req.socket.destroyed) return release();
  ctx.res.once('close', release);
  ctx.respond = false; // Koa must not touch the response from here on
  stream.open();
  try {
    await catchUp();
  } catch (err) {
    // The response has begun, so no problem document: end it, and the client resumes.
    ctx.state.log.warn({ err }, 'stream catch-up failed');
    stream.end();
  }
}
