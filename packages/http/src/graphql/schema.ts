import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import './types/catalog.types.js';
import './types/account.types.js';
import './types/query.types.js';
import './types/mutation.types.js';
import './types/checkout.types.js';
import './types/fair-access.types.js';
import './types/search.types.js';
import './types/subscription.types.js';

/** The one schema, built once from the code in types/. */
export const schema: GraphQLSchema = builder.toSchema({ sortSchema: true });

/** The SDL checked in as packages/http/schema.graphql (a test compares it with the running server's). */
export function schemaText(s: GraphQLSchema = schema): string {
  return `${printSchema(lexicographicSortSchema(s))}\n`;
}
