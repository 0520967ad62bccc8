/** What a stream transport (SSE or GraphQL over WebSocket) reports to the swarm. */
export interface StreamHandlers {
  /** One notification: its id, type and JSON (`{ id, type, createdAt, data }`, the same over both). */
  event(id: string, type: string, payload: unknown): void;
  /** An established stream ended (the server closed it, or the connection dropped). */
  ended(): void;
}

export type StreamTransport = 'sse' | 'ws';
