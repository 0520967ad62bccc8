import type { Server } from 'node:http';
import { UnauthenticatedError, type UseCases, type User } from '@livedrops/core';
import type { DocumentNode, ExecutionArgs, GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import { BODY_LIMIT_BYTES } from '../middleware/json-body.js';
import type { LiveStreams } from '../streams/live-streams.js';
import { createContext } from './context.js';
import { errorFormatter, logInternal } from './errors.js';
import { costRule, validateOperation } from './limits.js';
import { parseCached } from './parse-cache.js';
import { schema } from './schema.js';

export interface GraphQLWsDeps {
  useCases: UseCases;
  streams: LiveStreams;
  logger: Logger;
  introspection: boolean;
}

const TOKEN = /^[A-Za-z0-9\-._~+/]{1,512}=*$/;
const TICKET = /^[A-Za-z0-9_-]{16,128}$/;
/** graphql-transport-ws's close code for a refused connection_init. */
const FORBIDDEN = 4403;

/** The user behind connection_init's payload: `{ token }` (a bearer token) or `{ ticket }` (single use, 60 s). */
async function authenticate(
  uc: UseCases,
  params: Record<string, unknown> | undefined,
): Promise<{ user: User; sessionHash: string }> {
  const token = params?.['token'];
  const ticket = params?.['ticket'];
  if (typeof token === 'string' && TOKEN.test(token)) {
    return { user: await uc.sessions.authenticate(token), sessionHash: uc.sessions.sessionOf(token) };
  }
  if (typeof ticket === 'string' && TICKET.test(ticket)) return uc.streamTickets.redeem(ticket);
  throw new UnauthenticatedError('connection_init needs a payload of { "token": … } or { "ticket": … }');
}

/**
 * GraphQL over WebSocket (graphql-transport-ws, the graphql-ws library's protocol) on
 * `/graphql`, on the HTTP server's own port: connection_init authenticates (a refusal
 * closes with 4403 and the error code as the reason), every operation is validated with
 * the same limits as over HTTP, errors carry the same codes, and WebSocket pings every
 * heartbeat interval end connections whose peer stopped answering.
 */
export function attachGraphQLWs(server: Server, deps: GraphQLWsDeps): { close(): Promise<void> } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: BODY_LIMIT_BYTES });
  const format = errorFormatter({ introspection: deps.introspection });
  const users = new WeakMap<WebSocket, User>();
  let closing = false;
  const disposable = useServer(
    {
      schema,
      onConnect: async (ctx) => {
        try {
          const socket = ctx.extra.socket;
          const { user, sessionHash } = await authenticate(deps.useCases, ctx.connectionParams);
          users.set(socket, user);
          // Signing out ends the connection, and with it every subscription it carries.
          const unbind = deps.streams.sessions.bind(sessionHash, () => socket.close(FORBIDDEN, 'unauthenticated'));
          socket.once('close', unbind);
          if (socket.readyState !== socket.OPEN) unbind();
          return true;
        } catch (err) {
          const code = (err as { code?: unknown }).code;
          if (typeof code !== 'string') deps.logger.error({ err }, 'websocket authentication failed');
          ctx.extra.socket.close(FORBIDDEN, typeof code === 'string' ? code : 'unavailable');
          return false;
        }
      },
      onSubscribe: (ctx, _id, payload): ExecutionArgs | readonly GraphQLError[] => {
        let document: DocumentNode;
        try {
          document = parseCached(payload.query);
        } catch (err) {
          return [format(err as GraphQLError)];
        }
        const contextValue = createContext({
          useCases: deps.useCases,
          user: users.get(ctx.extra.socket),
          streams: deps.streams,
          log: deps.logger,
          socket: ctx.extra.socket,
        });
        const { variables, operationName } = payload;
        const cost = costRule({ context: contextValue, variableValues: variables, operationName });
        const errors = validateOperation(schema, document, [cost], deps.introspection);
        if (errors.length > 0) return errors.map(format);
        return { schema, document, variableValues: variables, operationName, contextValue };
      },
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors) return;
        logInternal(result.errors, deps.logger);
        return { ...result, errors: result.errors.map((e) => format(e).toJSON()) };
      },
      onError: (_ctx, _id, _payload, errors) => {
        logInternal(errors, deps.logger);
        return errors.map((e) => format(e).toJSON());
      },
    },
    wss,
    deps.streams.tuning.heartbeatMs,
  );
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (closing || path !== '/graphql') {
      socket.end(
        `HTTP/1.1 ${closing ? '503 Service Unavailable' : '404 Not Found'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  return {
    close: async () => {
      closing = true;
      await disposable.dispose(); // closes every connection with 1001 (going away): clients reconnect elsewhere
    },
  };
}
