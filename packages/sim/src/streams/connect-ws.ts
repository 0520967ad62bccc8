import WebSocket from 'ws';
import type { StreamHandlers } from './stream-connection.js';

const SUBSCRIPTION = 'subscription($after: ID) { notifications(after: $after) { id type createdAt data } }';

/**
 * One GraphQL subscription over WebSocket (`/graphql`, graphql-transport-ws): connection_init
 * with the token, then `notifications(after:)` from the last id seen. Resolves with a closer
 * once the server acknowledged the connection, or null when it refused or never answered.
 */
export function connectWs(
  base: string,
  token: string,
  lastId: string | undefined,
  on: StreamHandlers,
): Promise<(() => void) | null> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${base.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', {
      perMessageDeflate: false,
    });
    const timer = setTimeout(() => socket.terminate(), 30_000);
    let established = false;
    let finished = false;
    const send = (message: object): void => socket.send(JSON.stringify(message));
    const ended = (): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      if (!established) return resolve(null);
      on.ended();
    };
    socket.on('open', () => send({ type: 'connection_init', payload: { token } }));
    socket.on('message', (raw) => {
      const m = JSON.parse(String(raw)) as {
        type: string;
        payload?: { data?: { notifications?: { id: string; type: string } } };
      };
      if (m.type === 'connection_ack') {
        send({
          id: 'n',
          type: 'subscribe',
          payload: { query: SUBSCRIPTION, variables: lastId ? { after: lastId } : {} },
        });
        established = true;
        clearTimeout(timer);
        resolve(() => socket.terminate());
      } else if (m.type === 'next') {
        const n = m.payload?.data?.notifications;
        // A `next` with errors (e.g. the stream cap) is followed by `complete`: the stream ends and is resumed.
        if (n) on.event(n.id, n.type, n);
      } else if (m.type === 'ping') {
        send({ type: 'pong' });
      } else if (m.type === 'error' || m.type === 'complete') {
        socket.terminate();
      }
    });
    socket.on('error', ended);
    socket.on('close', ended);
  });
}
