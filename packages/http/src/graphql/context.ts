import { UnauthenticatedError, type UseCases, type User } from '@livedrops/core';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import type { LiveStreams } from '../streams/live-streams.js';
import { createLoaders, type Loaders } from './loaders.js';

/**
 * What every resolver sees: one per HTTP request, one per WebSocket operation.
 * A type, not an interface: graphql-http wants an indexable record.
 */
export type GraphQLContext = {
  useCases: UseCases;
  /** The caller; undefined for an anonymous HTTP request (public fields still answer). */
  user: User | undefined;
  /** Per-operation batching and caching of reads by id. */
  loaders: Loaders;
  /** The clock's now, read once per operation: every drop's status in one answer agrees. */
  now: number;
  streams: LiveStreams;
  log: Logger;
  /** The connection a subscription runs on; undefined over HTTP. */
  socket?: WebSocket | undefined;
};

export type ContextBase = Omit<GraphQLContext, 'loaders' | 'now'>;

export function createContext(base: ContextBase): GraphQLContext {
  return { ...base, loaders: createLoaders(base.useCases, base.user), now: base.useCases.drops.now() };
}

/** The caller, or the same `unauthenticated` error REST answers with 401. */
export function viewer(ctx: GraphQLContext): User {
  if (!ctx.user) throw new UnauthenticatedError('This field needs an Authorization: Bearer token');
  return ctx.user;
}
