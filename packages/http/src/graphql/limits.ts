import { createComplexityRule } from '@pothos/plugin-complexity';
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { isSafeText } from '../routing/text-safety.js';

/**
 * What one operation may ask for. Depth counts nested fields (`drops { edges { node { id } } }`
 * is 4). Cost: every field 1, a connection's selection once per requested item (`first`,
 * default 20), so a page of 50 drops with their product and creator costs about 600 and a
 * page of pages (100 drops × 100 followers each) is refused before anything runs.
 */
export const GRAPHQL_LIMITS = { depth: 8, cost: 5_000 };

export interface CostInput {
  context: object;
  variableValues: Record<string, unknown> | null | undefined;
  operationName?: string | null | undefined;
}

const refusal = (message: string, extra: Record<string, unknown>): GraphQLError =>
  new GraphQLError(message, {
    extensions: { code: 'validation_failed', errors: [{ path: 'query', message }], ...extra },
  });

/** The depth and cost rule for one request: cost depends on `first`, from the document or the variables. */
export function costRule(input: CostInput): ValidationRule {
  return createComplexityRule({
    context: input.context,
    variableValues: input.variableValues ?? {},
    operationName: input.operationName ?? null,
    validate: ({ depth, complexity }, report) => {
      if (depth > GRAPHQL_LIMITS.depth) {
        report(refusal(`The query is ${depth} levels deep; at most ${GRAPHQL_LIMITS.depth} are allowed`, { depth }));
      } else if (complexity > GRAPHQL_LIMITS.cost) {
        const message = `The query costs ${complexity}; at most ${GRAPHQL_LIMITS.cost} is allowed (ask for fewer items per page)`;
        report(refusal(message, { cost: complexity }));
      }
    },
  });
}

/** String literals of the document obey the REST rule for text (routing/text-safety.ts): no NUL, no lone surrogates. */
const SafeStringLiterals: ValidationRule = (context) => ({
  StringValue(node) {
    if (isSafeText(node.value)) return;
    context.reportError(refusal('A string holds a NUL character or an unpaired surrogate', {}));
  },
});

const OPEN_RULES = [...specifiedRules, SafeStringLiterals];
const CLOSED_RULES = [...OPEN_RULES, NoSchemaIntrospectionCustomRule];
// Per document (the parse cache hands out the same object for the same text), per setting.
const staticResults = {
  open: new WeakMap<DocumentNode, readonly GraphQLError[]>(),
  closed: new WeakMap<DocumentNode, readonly GraphQLError[]>(),
};

/**
 * Validates an operation: GraphQL's own rules (and no introspection when off), whose verdict
 * depends on the document alone and is remembered per document, since running them is the
 * larger part of a small query's cost; then `perRequest` (the cost rule) when those passed,
 * so the cost rule only ever measures a valid document (it would report unknown fields again
 * and throw on literals it cannot coerce).
 */
export function validateOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  perRequest: readonly ValidationRule[],
  introspection: boolean,
): readonly GraphQLError[] {
  const cache = introspection ? staticResults.open : staticResults.closed;
  let errors = cache.get(document);
  if (!errors) {
    errors = validate(schema, document, introspection ? OPEN_RULES : CLOSED_RULES);
    cache.set(document, errors);
  }
  return errors.length > 0 ? errors : validate(schema, document, perRequest);
}
