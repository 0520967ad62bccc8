/**
 * The import rules (`pnpm run lint`). TypeScript 7 has no compiler API for the cruiser to
 * parse with, so swc reads the sources; type-only imports count (a type cycle is a cycle).
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'Modules that import each other cannot be understood, tested or loaded one at a time.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-imports-nothing',
      comment: 'The core is pure TypeScript: no packages, no node: modules, nothing outside itself.',
      severity: 'error',
      from: { path: '^packages/core/src' },
      to: { pathNot: '^packages/core/src' },
    },
    {
      name: 'http-uses-no-drivers',
      comment: 'The HTTP layer reaches storage and brokers through the adapters, never a driver.',
      severity: 'error',
      from: { path: '^packages/http/src' },
      to: { path: '(^|/node_modules/)(knex|pg|ioredis|amqplib|better-sqlite3)(/|$)' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    parser: 'swc',
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'types', 'default'] },
  },
};
