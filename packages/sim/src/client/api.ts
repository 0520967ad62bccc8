import type { HttpClient, Reply, RequestOptions } from './http-client.js';

/** A setup or observation call that did not get the status it needed. */
export class ApiError extends Error {
  constructor(
    readonly call: string,
    readonly reply: Reply,
  ) {
    super(
      `${call}: ${reply.kind === 'response' ? `${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}` : reply.error}`,
    );
  }
}

const SETUP_TIMEOUT_MS = 30_000;

/**
 * The public API calls the simulator makes outside the measured workload: setting the
 * world up and reading it back afterwards. Retries connection-level errors a few times,
 * since a setup failure is not what the run is about.
 */
export class Api {
  constructor(readonly http: HttpClient) {}

  async call<T>(method: string, path: string, expect: number[], o: RequestOptions = {}): Promise<T> {
    let reply: Reply | undefined;
    for (let attempt = 0; attempt < 4; attempt++) {
      reply = await this.http.request(method, path, { timeoutMs: SETUP_TIMEOUT_MS, ...o });
      if (reply.kind === 'response' && expect.includes(reply.status)) return reply.body as T;
      if (reply.kind === 'response' && reply.status !== 503 && reply.status !== 429) break;
      await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
    }
    throw new ApiError(`${method} ${path}`, reply!);
  }

  async register(
    handle: string,
    password: string,
    isCreator: boolean,
  ): Promise<{ user: { id: string; handle: string }; token: string }> {
    const body = { handle, password, isCreator, displayName: handle };
    try {
      return await this.call('POST', '/v1/auth/register', [201], { body });
    } catch (err) {
      // Registrations are limited per client address except from the server's own machine.
      if (err instanceof ApiError && err.reply.kind === 'response' && err.reply.status === 429) {
        throw new ApiError(
          `${err.call} (the server limits registrations per client address: start it with a higher ` +
            'REGISTER_LIMIT / --register-limit, or run the simulator on its machine)',
          err.reply,
        );
      }
      throw err;
    }
  }

  follow(token: string, creatorId: string): Promise<unknown> {
    return this.call('PUT', `/v1/me/following/${creatorId}`, [200, 201], { token });
  }

  createProduct(token: string, title: string, priceCents: number): Promise<{ id: string }> {
    return this.call('POST', '/v1/products', [201], {
      token,
      body: { title, priceCents, description: 'Simulated flash sale' },
    });
  }

  createDrop(token: string, body: Record<string, unknown>): Promise<DropJson> {
    return this.call('POST', '/v1/drops', [201], { token, body });
  }

  getDrop(id: string): Promise<DropJson> {
    return this.call('GET', `/v1/drops/${id}`, [200]);
  }

  /** Every item of a paginated list, following nextCursor. */
  async all<T>(path: string, token: string): Promise<T[]> {
    const items: T[] = [];
    let after: string | null = null;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const page: { data: T[]; nextCursor: string | null } = await this.call(
        'GET',
        `${path}${sep}limit=100${after ? `&after=${encodeURIComponent(after)}` : ''}`,
        [200],
        { token },
      );
      items.push(...page.data);
      after = page.nextCursor;
    } while (after);
    return items;
  }
}

export interface DropJson {
  id: string;
  creatorId: string;
  product: { id: string; title: string };
  startsAt: string;
  endsAt: string;
  status: string;
  stock: { total: number; available: number };
  perUserLimit: number | null;
}
