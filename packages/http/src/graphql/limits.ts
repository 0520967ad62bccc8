import { createComplexityRule } from '@pothos/plugin-complexity';
import { GraphQLError, NoSchemaIntrospectionCustomRule, specifiedRules, type ValidationRule } from 'graphql';

/**
 * What one operation may ask for. Depth counts nested fields (`drops { edges { node { id } } }`
 * is 4). Cost: every field 1, a connection's selection once per requested item (`first`,
 * default 20), so a page of 50 drops with their product and creator costs about 600 and a
 * page of pages (100 drops × 100 followers each) is refused before anything runs.
 */
export const GRAPHQL_LIMITS = { depth: 8, cost: 5_000 };

export interface RuleInput {
  context: object;
  variableValues: Record<string, unknown> | null | undefined;
  operationName?: string | null | undefined;
  introspection: boolean;
}

const refusal = (message: string, extra: Record<string, unknown>): GraphQLError =>
  new GraphQLError(message, { extensions: { code: 'validation_failed', errors: [{ path: 'query', message }], ...extra } });

/** GraphQL's own rules, plus depth and cost (per request: cost depends on `first` and variables), plus no introspection when off. */
export function validationRules(input: RuleInput): ValidationRule[] {
  const limits = createComplexityRule({
    context: input.context,
    variableValues: input.variableValues ?? {},
    operationName: input.operationName ?? null,
    validate: ({ depth, complexity }, report) => {
      if (depth > GRAPHQL_LIMITS.depth) {
        report(refusal(`The query is ${depth} levels deep; at most ${GRAPHQL_LIMITS.depth} are allowed`, { depth }));
      } else if (complexity > GRAPHQL_LIMITS.cost) {
        report(refusal(`The query costs ${complexity}; at most ${GRAPHQL_LIMITS.cost} is allowed (ask for fewer items per page)`, { cost: complexity }));
      }
    },
  });
  return [...specifiedRules, limits, ...(input.introspection ? [] : [NoSchemaIntrospectionCustomRule])];
}
