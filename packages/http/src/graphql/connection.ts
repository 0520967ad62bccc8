import type { Cursor, KeyedPage, Page } from '@livedrops/core';
import type { ObjectRef } from '@pothos/core';
import { encodeCursor } from '../cursor.js';
import { builder } from './builder.js';

export interface Edge<T> {
  node: T;
  cursor: string;
}

export interface Connection<T> {
  edges: Array<Edge<T>>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const PageInfo = builder.objectRef<Connection<unknown>['pageInfo']>('PageInfo').implement({
  description: 'Relay page info. Pages go forward only (keyset cursors), so `hasPreviousPage` is always false.',
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage'),
    hasPreviousPage: t.exposeBoolean('hasPreviousPage'),
    startCursor: t.exposeString('startCursor', { nullable: true }),
    endCursor: t.exposeString('endCursor', { nullable: true, description: 'Pass as `after` for the next page.' }),
  }),
});

/** A Relay connection over a keyset page: each edge's cursor is the same opaque cursor REST's `nextCursor` is. */
export function toConnection<T>(page: Page<T>, cursorOf: (item: T) => Cursor): Connection<T> {
  const edges = page.items.map((node) => ({ node, cursor: encodeCursor(cursorOf(node)) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.next !== null,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** A connection over a page that carries each item's cursor (search: the sort key is not on the item). */
export function keyedConnection<T>(page: KeyedPage<T>): Connection<T> {
  const at = new Map(page.items.map((item, i) => [item, page.cursors[i]!]));
  return toConnection(page, (item) => at.get(item)!);
}

/** `<Name>Connection { edges { node cursor } pageInfo }` and `<Name>Edge` for one node type. */
// biome-ignore lint/suspicious/noExplicitAny: Pothos refs are invariant in their first parameter
export function connectionOf<T>(name: string, node: ObjectRef<any, T>): ObjectRef<any, Connection<T>> {
  const edge = builder.objectRef<Edge<T>>(`${name}Edge`).implement({
    // The cast: Pothos cannot resolve its result type for a generic T (it is T at every use).
    fields: (t) => ({
      node: t.field({ type: node, resolve: (e) => e.node as never }),
      cursor: t.exposeString('cursor'),
    }),
  });
  return builder.objectRef<Connection<T>>(`${name}Connection`).implement({
    fields: (t) => ({
      // The connection field's multiplier (its `first`) already counts the edges.
      edges: t.field({ type: [edge], resolve: (c) => c.edges, complexity: { field: 0, multiplier: 1 } }),
      pageInfo: t.field({ type: PageInfo, resolve: (c) => c.pageInfo }),
    }),
  });
}
