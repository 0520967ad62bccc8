import { PothosValidationError } from '@pothos/core';
import { createComplexityRule } from '@pothos/plugin-complexity';
import { GraphQLError, NoSchemaIntrospectionCustomRule, specifiedRules, type ASTVisitor, type ValidationRule } from 'graphql';

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

type Hooks = { enter?: (...args: unknown[]) => unknown; leave?: (...args: unknown[]) => unknown };

/**
 * The cost rule meets what GraphQL's own rules (same pass) report anyway: unknown fields,
 * which it reports a second time, and argument literals it cannot coerce (`first: "ten"`),
 * on which it throws. Those are the own rules' to report, so it stands aside: its
 * duplicates are dropped and its throw does not turn a bad document into a 500.
 */
function besideOwnRules(rule: ValidationRule): ValidationRule {
  return (context) => {
    const quiet = Object.create(context, {
      reportError: { value: (e: GraphQLError) => (e instanceof PothosValidationError ? undefined : context.reportError(e)) },
    }) as typeof context;
    const visitor = rule(quiet) as Record<string, Hooks>;
    const guard = (fn: Hooks['enter']) =>
      fn &&
      ((...args: unknown[]) => {
        try {
          return fn(...args);
        } catch (err) {
          if (!(err instanceof GraphQLError)) throw err;
          return undefined;
        }
      });
    const wrapped: Record<string, Hooks> = {};
    for (const [kind, hooks] of Object.entries(visitor)) wrapped[kind] = { enter: guard(hooks.enter), leave: guard(hooks.leave) };
    return wrapped as ASTVisitor;
  };
}

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
  return [...specifiedRules, besideOwnRules(limits), ...(input.introspection ? [] : [NoSchemaIntrospectionCustomRule])];
}
