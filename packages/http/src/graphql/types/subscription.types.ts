import { ValidationError, type Notification } from '@livedrops/core';
import { WsNotificationStream } from '../../streams/ws-notification-stream.js';
import { idArg } from '../args.js';
import { builder } from '../builder.js';
import { viewer, type GraphQLContext } from '../context.js';
import { NotificationType } from './account.types.js';

/**
 * The caller's notifications from the instance's live hub, the same way the SSE stream
 * gets them: after `after` (the last id the client saw) from the inbox, then live, each
 * once, in commit order; the per-user stream cap counts SSE and WebSocket together.
 */
async function subscribe(ctx: GraphQLContext, after: string | undefined): Promise<AsyncIterable<Notification>> {
  const user = viewer(ctx);
  const socket = ctx.socket;
  if (!socket) throw ValidationError.field('query', 'subscriptions run over WebSocket on /graphql');
  const { tuning, observer } = ctx.streams;
  const { stream, catchUp, release } = await ctx.streams.open(
    user,
    after,
    () =>
      new WsNotificationStream(socket, {
        maxPending: tuning.maxPending,
        maxBufferedBytes: tuning.maxBufferedBytes,
        onLive: (n) => observer.delivered?.(n),
      }),
  );
  stream.release = release;
  // The connection may have closed while the checks awaited; nothing would release it then.
  if (socket.readyState !== socket.OPEN) release();
  catchUp().catch((err: unknown) => {
    ctx.log.warn({ err }, 'subscription catch-up failed');
    stream.abort();
  });
  return stream;
}

builder.subscriptionFields((t) => ({
  notifications: t.field({
    type: NotificationType,
    description:
      'Your notifications, live. With `after` (the id of the last one you saw), everything since is sent first. ' +
      'A client that reads too slowly is disconnected (close code 1013) and resumes with `after`.',
    args: { after: t.arg.id({ description: 'Resume after this notification id.' }) },
    subscribe: (_root, args, ctx) =>
      subscribe(ctx, args.after == null ? undefined : idArg(String(args.after), 'after')),
    resolve: (n) => n,
  }),
}));
