import { CommanderError } from 'commander';
import { EXIT } from './exit-codes.js';
import { cliName } from './cli-name.js';

type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure the CLI itself reports: one line on stderr and the exit code that classifies it. */
export class CliError extends Error {
  /** The API's problem behind it, if any: `--json` failures carry its code and fields. */
  problem?: Problem;
  /** The command already printed its JSON document (a failed simulation's report): print no other. */
  reported = false;

  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.failure,
  ) {
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
    super(`not logged in — run '${cliName()} login' (or set LIVEDROPS_TOKEN)`, EXIT.unauthorized);
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
  constructor(override readonly problem: Problem) {
    super(problemLine(problem), exitForStatus(problem.status, problem.code));
  }
}

/**
 * A server-side validation failure told in the flags the person typed: `endsAt: must be in the
 * future` becomes `invalid --ends: must be in the future` (exit 2). `flags` maps API fields
 * (body, query or path names) to flags; other failures pass through untouched.
 */
export function inFlags(e: unknown, flags: Record<string, string>): unknown {
  if (!(e instanceof ApiError) || e.problem.code !== 'validation_failed' || !e.problem.errors?.length) return e;
  // Field names inside messages ("must be after startsAt") are camelCase; plain words stay.
  const rename = (text: string): string => text.replace(/\b[a-z]+[A-Z][A-Za-z]*\b/g, (w) => flags[w] ?? w);
  const parts = e.problem.errors.map((f) => `${flags[f.path] ?? f.path}: ${rename(f.message)}`);
  const err = new UsageError(`invalid ${parts.join('; ')}`);
  err.problem = e.problem;
  return err;
}

/** Runs an API call whose validation failures should name flags (see inFlags). */
export const withFlags = <T>(call: Promise<T>, flags: Record<string, string>): Promise<T> =>
  call.catch((e: unknown) => Promise.reject(inFlags(e, flags)));

/** The server could not be reached at all (refused, unknown host, timed out). */
export class UnreachableError extends CliError {
  constructor(api: string, reason: string) {
    super(
      `cannot reach the Live Drops API at ${api} (${reason}) — is '${cliName()} serve' running? (--api, LIVEDROPS_API)`,
      EXIT.unreachable,
    );
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

export interface Failure {
  /** The line for stderr; null when Commander already printed it (or printed the help). */
  line: string | null;
  exitCode: number;
  problem?: Problem | undefined;
  reported?: boolean;
}

/** Maps anything thrown to the one line and exit code the user sees. */
export function describeFailure(e: unknown): Failure {
  // Commander has already printed its own message (or the help) by the time it throws.
  if (e instanceof CommanderError) return { line: null, exitCode: e.exitCode === 0 ? EXIT.ok : EXIT.usage };
  if (e instanceof CliError) return { line: e.message, exitCode: e.exitCode, problem: e.problem, reported: e.reported };
  // Unexpected errors (a driver's, say) can carry whole SQL statements: one short line is enough.
  const text = (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
  return { line: text.length > 300 ? `${text.slice(0, 300)}…` : text, exitCode: EXIT.failure };
}

/** A failure as `--json` prints it on stdout: one document, beside the line on stderr. */
export function failureJson(f: Failure, commanderText?: string): { error: Record<string, unknown> } {
  const { type: _t, ...problem } = f.problem ?? ({} as Partial<Problem>);
  return { error: { message: f.line ?? commanderText ?? 'failed', exitCode: f.exitCode, ...problem } };
}
