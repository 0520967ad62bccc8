import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import { GraphQLError } from 'graphql';
import type { GraphQLContext } from './context.js';

/**
 * The code-first schema builder. Pothos types every field against the TypeScript model it
 * resolves from (Drop, Product, …), so a resolver that returns the wrong shape does not
 * compile; the complexity plugin records each field's cost for the limits (limits.ts).
 * Fields are non-null unless marked (root fields and connections are nullable, so one failing
 * field answers null with its error beside the rest); list fields cost their selection once (connections
 * set their own multiplier from `first`).
 */
export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  Scalars: {
    DateTime: { Input: number; Output: number };
    JSONObject: { Input: Record<string, unknown>; Output: Record<string, unknown> };
  };
  DefaultFieldNullability: false;
}>({
  defaultFieldNullability: false,
  plugins: [ComplexityPlugin],
  complexity: { defaultComplexity: 1, defaultListMultiplier: 1 },
});

builder.scalarType('DateTime', {
  description: 'An instant as ISO 8601 UTC with milliseconds, e.g. `2026-11-21T19:00:00.000Z`.',
  serialize: (ms) => new Date(ms).toISOString(),
  parseValue: (value) => {
    const ms = typeof value === 'string' ? Date.parse(value) : NaN;
    if (Number.isNaN(ms)) throw new GraphQLError('DateTime must be an ISO 8601 date-time string');
    return ms;
  },
});

builder.scalarType('JSONObject', {
  description: "A JSON object (a notification's `data`).",
  serialize: (value) => value,
  parseValue: (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new GraphQLError('JSONObject must be an object');
    return value as Record<string, unknown>;
  },
});

builder.queryType({ description: 'Reads: the catalog is public; `me` and `order` need a token.' });
builder.mutationType({ description: 'Writes, through the same use cases (and rules) as the REST API.' });
builder.subscriptionType({ description: 'Live notifications over WebSocket (graphql-transport-ws).' });
