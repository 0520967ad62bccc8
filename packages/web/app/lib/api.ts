/** An RFC 9457 problem as the API answers it. */
export interface Problem {
  status: number;
  code: string;
  title: string;
  detail: string;
  errors?: Array<{ path: string; message: string }>;
  available?: number;
  remainingAllowance?: number;
  /** 402 `payment_declined`: why the card was refused (`card_declined`, `insufficient_funds`…). */
  declineCode?: string;
  /** 403 `not_eligible`: `followers_first` or `not_a_winner`. */
  reason?: string;
}

/** The API said no (4xx/5xx): what it said. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
  }
}

/** No answer at all (offline, connection cut): the request may or may not have happened. */
export class NetworkError extends Error {}

/** The session's CSRF token, from the readable cookie the server set beside the HttpOnly one. */
export function csrfToken(): string | undefined {
  const jar = `; ${document.cookie}`;
  for (const name of ['__Host-ld_csrf', 'ld_csrf']) {
    const at = jar.indexOf(`; ${name}=`);
    if (at >= 0) return decodeURIComponent(jar.slice(at + name.length + 3).split(';')[0]!);
  }
  return undefined;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as is, with its own type (an image upload). */
  raw?: Blob;
  headers?: Record<string, string>;
}

let onUnauthenticated: () => void = () => undefined;
/** Called when the API answers 401: the session is gone (signed out elsewhere, revoked). */
export const whenSignedOut = (fn: () => void): void => void (onUnauthenticated = fn);

/**
 * One call to the API on this origin. The session travels in its cookie (never in script
 * reach); a request that changes something carries the CSRF token the server checks.
 */
export async function call<T>(
  method: string,
  path: string,
  o: CallOptions = {},
): Promise<{ data: T; headers: Headers }> {
  const headers: Record<string, string> = { Accept: 'application/json', ...o.headers };
  if (method !== 'GET') {
    const token = csrfToken();
    if (token) headers['X-CSRF-Token'] = token;
  }
  let body: BodyInit | undefined;
  if (o.raw) {
    body = o.raw;
    headers['Content-Type'] = o.raw.type;
  } else if (o.body !== undefined) {
    body = JSON.stringify(o.body);
    headers['Content-Type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  } catch (e) {
    throw new NetworkError(e instanceof Error ? e.message : 'The network is unreachable');
  }
  const text = await res.text().catch(() => '');
  const json: unknown = text ? safeJson(text) : undefined;
  if (!res.ok) {
    const problem = (json as Problem | undefined) ?? {
      status: res.status,
      code: 'unknown',
      title: res.statusText,
      detail: '',
    };
    if (res.status === 401) onUnauthenticated();
    throw new ApiError({ ...problem, status: res.status });
  }
  return { data: json as T, headers: res.headers };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const get = async <T>(path: string): Promise<T> => (await call<T>('GET', path)).data;
export const send = async <T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> =>
  (await call<T>(method, path, body === undefined ? {} : { body })).data;

/** The message of a field's validation error, if the problem names it. */
export const fieldError = (e: unknown, path: string): string | undefined =>
  e instanceof ApiError ? e.problem.errors?.find((x) => x.path === path)?.message : undefined;

/** A sentence for a person: the API's detail, or what went wrong on the way. */
export const messageOf = (e: unknown): string =>
  e instanceof ApiError
    ? e.problem.detail || e.problem.title
    : e instanceof NetworkError
      ? 'Network problem: check your connection.'
      : 'Something went wrong.';
