import { expect } from 'chai';

export interface Res {
  status: number;
  headers: Headers;
  text: string;
  // Tests read response JSON freely; shapes are asserted where they matter.
  json: any;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as is (no JSON encoding), for malformed-body tests. */
  raw?: string | Uint8Array;
  token?: string;
  headers?: Record<string, string>;
}

// Anything that smells of internals: a stack frame, a file path, SQL or driver names.
const LEAKS = [
  /\n\s+at \S/,
  /\bat .*\.(?:js|ts):\d+/,
  /node_modules/,
  /SQLITE_/i,
  /\bselect\b.+\bfrom\b/i,
  /knex/i,
  /TypeError|RangeError|SyntaxError/,
];

/** A fetch wrapper that checks, on every response, what every response must satisfy. */
export class Client {
  constructor(readonly base: string) {}

  async call(method: string, path: string, options: CallOptions = {}): Promise<Res> {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | Uint8Array | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = 'application/json';
    }
    if (options.token) headers['Authorization'] = `Bearer ${options.token}`;
    const r = await fetch(this.base + path, { method, headers, body });
    const text = await r.text();
    const type = r.headers.get('content-type') ?? '';
    let json: unknown;
    if (/json/.test(type) && text) json = JSON.parse(text);
    for (const leak of LEAKS) expect(text, `${method} ${path} leaks internals`).not.to.match(leak);
    expect(r.headers.get('x-request-id'), 'X-Request-Id on every response').to.be.a('string').and.not.be.empty;
    if (r.status >= 400 && method !== 'HEAD') {
      expect(type, `${method} ${path} ${r.status} is problem+json`).to.match(/^application\/problem\+json/);
    }
    return { status: r.status, headers: r.headers, text, json };
  }

  get = (path: string, o?: CallOptions): Promise<Res> => this.call('GET', path, o);
  post = (path: string, o?: CallOptions): Promise<Res> => this.call('POST', path, o);
  put = (path: string, o?: CallOptions): Promise<Res> => this.call('PUT', path, o);
  patch = (path: string, o?: CallOptions): Promise<Res> => this.call('PATCH', path, o);
  del = (path: string, o?: CallOptions): Promise<Res> => this.call('DELETE', path, o);
}

/** Asserts an RFC 9457 problem with the given status and code; returns its body. */
export function expectProblem(res: Res, status: number, code: string): any {
  expect(res.status, res.text).to.equal(status);
  expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
  expect(res.json).to.include({ status, code, type: `https://livedrops.dev/problems/${code}` });
  expect(res.json.title).to.be.a('string').and.not.be.empty;
  expect(res.json.detail).to.be.a('string');
  return res.json;
}

/** Asserts a validation_failed naming `path` among its errors. */
export function expectInvalid(res: Res, path: string): void {
  const problem = expectProblem(res, 400, 'validation_failed');
  const paths = (problem.errors as Array<{ path: string; message: string }>).map((e) => e.path);
  expect(paths, res.text).to.include(path);
  for (const e of problem.errors) expect(e.message).to.be.a('string').and.not.be.empty;
}
