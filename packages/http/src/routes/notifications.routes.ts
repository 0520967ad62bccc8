import { ValidationError, type UseCases } from '@livedrops/core';
import { z } from 'zod';
import { encodeNext } from '../cursor.js';
import { authenticate } from '../middleware/auth.js';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import { iso, page, pageQuery } from '../schemas/common.schema.js';
import { NotificationJson, notificationJson, StreamQuery, TicketJson } from '../schemas/notification.schema.js';
import { openSse } from '../sse/open-sse.js';
import type { LiveStreams } from '../streams/live-streams.js';

const LAST_EVENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The Last-Event-ID header, if any; an id this API could not have sent is a 400. */
function lastEventId(header: string | undefined): string | undefined {
  if (header === undefined || header === '') return undefined;
  if (!LAST_EVENT_ID.test(header)) throw ValidationError.field('Last-Event-ID', 'is not a notification id');
  return header;
}

export function notificationRoutes(uc: UseCases, streams: LiveStreams): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/v1/me/notifications',
      operationId: 'listNotifications',
      tag: 'Notifications',
      summary: 'Your notification inbox, newest first',
      description:
        'Durable across restarts. Ordered by when each event was committed (newest first); the same events, with the same ids, as the stream.',
      auth: true,
      query: z.object(pageQuery).strict(),
      responses: { 200: { description: 'A page of notifications.', schema: page(NotificationJson) } },
      errors: [],
      async handle({ query, user }) {
        const p = await uc.notifications.inbox(user, query);
        return { status: 200, body: { data: p.items.map(notificationJson), nextCursor: encodeNext(p.next) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/me/notifications/ticket',
      operationId: 'createStreamTicket',
      tag: 'Notifications',
      summary: 'A single-use ticket to open the stream without an Authorization header',
      description: 'For `EventSource`, which cannot send headers. Valid for 60 s, once.',
      auth: true,
      responses: { 201: { description: 'The ticket.', schema: TicketJson } },
      errors: [],
      async handle({ user, ctx }) {
        const t = await uc.streamTickets.issue(user, ctx.state.token!);
        return {
          status: 201,
          body: { ticket: t.ticket, expiresAt: iso(t.expiresAt) },
          headers: { 'Cache-Control': 'no-store' },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/me/notifications/stream',
      operationId: 'streamNotifications',
      tag: 'Notifications',
      summary: 'Your notifications, live (text/event-stream)',
      description: [
        'Authenticate with `Authorization: Bearer` or `?ticket=`. Each event: `id:` (notification id), `event:` (type), `data:` (the notification JSON).',
        'Send `Last-Event-ID` to resume: everything after that event is replayed first, then live events, each exactly once, in commit order.',
        'A heartbeat comment at least every 15 s. At most 5 open streams per user (429 beyond). A client that reads too slowly is disconnected and should resume with `Last-Event-ID`.',
      ].join(' '),
      auth: false, // the ticket alternative is checked in the handler
      query: StreamQuery,
      responses: { 200: { description: 'The event stream.', contentType: 'text/event-stream' } },
      errors: ['unauthenticated', 'rate_limited'],
      async handle({ query, ctx }) {
        // HEAD opens nothing (and takes no stream slot): the credential is checked and the headers answered.
        if (ctx.method === 'HEAD') {
          if (query.ticket === undefined) await authenticate(ctx, uc.sessions);
          return { status: 200, headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' } };
        }
        // Validated before the ticket is redeemed, so a bad header does not burn a single-use ticket.
        const resumeAfter = lastEventId(ctx.get('Last-Event-ID') || undefined);
        const { user, sessionHash } =
          query.ticket !== undefined
            ? await uc.streamTickets.redeem(query.ticket)
            : { user: await authenticate(ctx, uc.sessions), sessionHash: uc.sessions.sessionOf(ctx.state.token!) };
        await openSse(streams, ctx, { user, sessionHash }, resumeAfter);
        return { status: 200 };
      },
    }),
  ];
}
