import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const MAC_LENGTH = 22; // 128 bits of HMAC-SHA256, base64url

/**
 * Signs the cursors a list hands out (HMAC with the deployment's CURSOR_SECRET) and binds
 * each to its list: the operation, its path parameters, its filters and the caller. A
 * cursor is `<payload>.<mac>`; one the API did not issue for this very list is refused, so
 * a forged key never reaches a query and a cursor from one list cannot page another.
 */
export class CursorSigner {
  private readonly key: Buffer;

  /** Without a secret (an app built alone, in tests) the key lives as long as the process. */
  constructor(secret?: string) {
    this.key = secret === undefined ? randomBytes(32) : Buffer.from(secret, 'utf8');
  }

  sign(payload: string, scope: string): string {
    return `${payload}.${this.mac(payload, scope)}`;
  }

  /** The payload of a cursor this signer issued for `scope`, else null. */
  open(cursor: string, scope: string): string | null {
    const dot = cursor.lastIndexOf('.');
    if (dot <= 0 || cursor.length - dot - 1 !== MAC_LENGTH) return null;
    const payload = cursor.slice(0, dot);
    const given = Buffer.from(cursor.slice(dot + 1), 'utf8');
    const expected = Buffer.from(this.mac(payload, scope), 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected) ? payload : null;
  }

  private mac(payload: string, scope: string): string {
    const mac = createHmac('sha256', this.key).update(scope).update('\n').update(payload);
    return mac.digest('base64url').slice(0, MAC_LENGTH);
  }
}

/** What a list's cursor is bound to: its operation, path parameters, filters (not `after`/`limit`) and caller. */
export function listScope(
  operationId: string,
  params: Record<string, unknown>,
  query: Record<string, unknown>,
  userId: string | undefined,
): string {
  const filters = Object.entries(query)
    .filter(([k]) => k !== 'after' && k !== 'limit')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const pathParams = Object.entries(params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([operationId, pathParams, filters, userId ?? null]);
}
