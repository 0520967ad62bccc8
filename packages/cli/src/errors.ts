import { CommanderError } from 'commander';
import { EXIT } from './exit-codes.js';

type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure the CLI itself reports: one line on stderr and the exit code that classifies it. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: ExitCode = EXIT.failure) {
    super(message);
  }
}

/** Bad arguments: exit 2, so scripts can tell "you called me wrong" from "it failed". */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

export class NotLoggedInError extends CliError {
  constructor() {
    super("not logged in — run 'livedrops login' (or set LIVEDROPS_TOKEN)", EXIT.unauthorized);
  }
}

/** An RFC 9457 problem as the API renders it (api.md, Conventions). */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: { path: string; message: string }[];
  [extension: string]: unknown;
}

/** The API answered with an error status; carries the problem document. */
export class ApiError extends CliError {
  constructor(readonly problem: Problem) {
    super(problemLine(problem), exitForStatus(problem.status, problem.code));
  }
}

/** The server could not be reached at all (refused, unknown host, timed out). */
export class UnreachableError extends CliError {
  constructor(api: string, reason: string) {
    super(`cannot reach the Live Drops API at ${api} (${reason}) — is 'livedrops serve' running? (--api, LIVEDROPS_API)`, EXIT.unreachable);
  }
}

function exitForStatus(status: number, code: string | undefined): ExitCode {
  if (status === 401) return EXIT.unauthorized;
  if (status === 409 || status === 422) return EXIT.conflict;
  // The server refused the arguments themselves: the same class as a local usage error.
  if (code === 'validation_failed') return EXIT.usage;
  return EXIT.failure;
}

/** `Title — detail (code)`, plus the field errors of a validation failure, on one line. */
export function problemLine(p: Problem): string {
  const detail = p.detail && p.detail !== p.title ? ` — ${p.detail}` : '';
  // Field errors, unless the detail already spells them out.
  const listed = p.errors?.every((e) => p.detail?.includes(e.message)) ?? true;
  const fields = listed ? '' : `: ${p.errors!.map((e) => `${e.path} ${e.message}`).join('; ')}`;
  return `${p.title}${detail}${p.code ? ` (${p.code})` : ''}${fields}`.replace(/\s*\n\s*/g, ' ');
}

/** Maps anything thrown to the one line and exit code the user sees. */
export function describeFailure(e: unknown): { line: string | null; exitCode: number } {
  // Commander has already printed its own message (or the help) by the time it throws.
  if (e instanceof CommanderError) return { line: null, exitCode: e.exitCode === 0 ? EXIT.ok : EXIT.usage };
  if (e instanceof CliError) return { line: e.message, exitCode: e.exitCode };
  // Unexpected errors (a driver's, say) can carry whole SQL statements: one short line is enough.
  const text = (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
  return { line: text.length > 300 ? `${text.slice(0, 300)}…` : text, exitCode: EXIT.failure };
}
