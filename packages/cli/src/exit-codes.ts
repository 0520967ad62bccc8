/** Documented exit codes (docs/cli.md). */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  unauthorized: 3,
  conflict: 4,
  unreachable: 5,
} as const;
