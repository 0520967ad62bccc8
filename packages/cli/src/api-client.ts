import { ApiError, NotLoggedInError, UnreachableError, type Problem } from './errors.js';

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  /** Send the bearer token; a missing token fails before any request (exit 3). */
  auth?: boolean;
  signal?: AbortSignal;
  /** A raw body (an image upload) sent as is, with its own Content-Type, instead of JSON. */
  raw?: { bytes: Uint8Array; type: string };
}

export interface Reply<T> {
  status: number;
  headers: Headers;
  body: T;
}

// Network errors that mean "no server there", as opposed to a server that failed (exit 5 vs 1).
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ECONNRESET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

const REQUEST_TIMEOUT_MS = 30_000;

/** A thin client of the public HTTP API (api.md): JSON in, JSON or problem+json out. */
export class ApiClient {
  constructor(
    readonly api: string,
    readonly token: string | undefined,
  ) {}

  get hasToken(): boolean {
    return this.token !== undefined;
  }

  url(path: string, query: RequestOptions['query'] = {}): URL {
    const url = new URL(path, this.api.endsWith('/') ? this.api : `${this.api}/`);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
    return url;
  }

  async request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
    if (opts.auth) {
      if (!this.token) throw new NotLoggedInError();
      headers.authorization = `Bearer ${this.token}`;
    }
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (opts.raw) headers['content-type'] = opts.raw.type;
    const signal = opts.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    let res: Response;
    try {
      const init: RequestInit = { method, headers, signal };
      if (opts.body !== undefined) init.body = JSON.stringify(opts.body);
      if (opts.raw) init.body = opts.raw.bytes;
      res = await fetch(this.url(path.replace(/^\//, ''), opts.query), init);
    } catch (e) {
      throw this.networkError(e);
    }
    const text = await res.text();
    const isJson = /json/.test(res.headers.get('content-type') ?? '');
    let body: unknown;
    if (text && isJson) {
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
    }
    if (!res.ok) throw new ApiError(asProblem(res, body));
    return { status: res.status, headers: res.headers, body: body as T };
  }

  async get<T>(path: string, opts: RequestOptions = {}): Promise<T> {
    return (await this.request<T>('GET', path, opts)).body;
  }

  async send<T>(
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    opts: RequestOptions = {},
  ): Promise<T> {
    return (await this.request<T>(method, path, { auth: true, ...opts, body })).body;
  }

  /** Walks a keyset-paginated list via nextCursor, page by page, until the end or `max` items. */
  async *pages<T>(
    path: string,
    opts: RequestOptions & { pageSize?: number; max?: number; after?: string | undefined } = {},
  ): AsyncGenerator<Page<T>> {
    let after = opts.after;
    let left = opts.max ?? Infinity;
    let page: Page<T>;
    do {
      const limit = Math.min(opts.pageSize ?? 100, left);
      page = await this.get<Page<T>>(path, { ...opts, query: { ...opts.query, limit, after } });
      left -= page.data.length;
      yield page;
      after = page.nextCursor ?? undefined;
    } while (after && left > 0);
  }

  /** Up to `max` items across pages, from `after` on, and the cursor the next ones start from. */
  async collect<T>(
    path: string,
    opts: RequestOptions & { max: number; after?: string | undefined },
  ): Promise<{ items: T[]; next: string | null }> {
    const items: T[] = [];
    let next: string | null = null;
    for await (const page of this.pages<T>(path, opts)) {
      items.push(...page.data);
      next = page.nextCursor;
    }
    return { items, next };
  }

  networkError(e: unknown): Error {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    if (err?.name === 'TimeoutError') return new UnreachableError(this.api, 'timed out');
    const code = err?.cause?.code;
    if (code && UNREACHABLE.has(code)) return new UnreachableError(this.api, code);
    if (err?.name === 'AbortError') return err;
    return new UnreachableError(this.api, err?.cause?.message ?? err?.message ?? String(e));
  }
}

/** Anything that is not a problem document (a proxy's HTML 502, say) still becomes one line. */
function asProblem(res: Response, body: unknown): Problem {
  const b = body as Partial<Problem> | undefined;
  if (b && typeof b.title === 'string') return { ...b, title: b.title, status: res.status };
  return { title: `HTTP ${res.status} ${res.statusText}`.trim(), status: res.status };
}
