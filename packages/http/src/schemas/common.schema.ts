import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, type Cursor } from '@livedrops/core';
import { z } from 'zod';
import { ERROR_CODES } from '../errors/error-map.js';
import { decodeCursor } from '../cursor.js';

/** Ids are opaque to clients, but only ever URL-safe and short; anything else is refused early. */
export const Id = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'must be an id (1-64 of A-Z, a-z, 0-9, _ and -)' })
  .meta({ description: 'Opaque identifier; never parse it.', examples: ['0193a2b4-7c1d-7e8f-9a0b-1c2d3e4f5a6b'] });

/** Times leave the API as ISO 8601 UTC with milliseconds. */
export const Timestamp = z.iso.datetime().meta({ examples: ['2026-11-21T19:00:00.000Z'] });
export const iso = (ms: number): string => new Date(ms).toISOString();

/** Times arrive as ISO 8601 (UTC `Z` or an offset) and become epoch milliseconds. */
export const TimeInput = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 date-time, e.g. 2026-11-21T19:00:00.000Z' })
  .transform((s) => Date.parse(s));

/** An integer in [min, max] with one readable message for every way of missing it. */
export function intIn(min: number, max: number): z.ZodInt {
  const error = `must be an integer ${min}..${max}`;
  return z.int({ error }).min(min, { error }).max(max, { error });
}

/** Query-string integers: digits only (no `1e2`, blanks or signs), then range-checked. */
const limitError = `must be an integer 1..${MAX_PAGE_LIMIT}`;
export const Limit = z
  .string()
  .regex(/^\d{1,4}$/, { error: limitError })
  .transform(Number)
  .pipe(z.int().min(1, { error: limitError }).max(MAX_PAGE_LIMIT, { error: limitError }))
  .optional()
  .transform((n) => n ?? DEFAULT_PAGE_LIMIT)
  .meta({ description: `Page size, 1..${MAX_PAGE_LIMIT}; default ${DEFAULT_PAGE_LIMIT}.` });

/** `after` for lists whose cursors `decode` reads (times and positions by default). */
export const afterWith = (decode: (text: string) => Cursor | null) =>
  z
    .string()
    .transform((text, ctx): Cursor => {
      const cursor = decode(text);
      if (!cursor) {
        ctx.addIssue({ code: 'custom', message: 'is not a cursor this API issued' });
        return z.NEVER;
      }
      return cursor;
    })
    .optional()
    .meta({ description: 'Opaque cursor: the `nextCursor` of the previous page. Omit for the first page.' });

/** The query members every list accepts. Unknown query parameters are rejected, like unknown body fields. */
export const After = afterWith(decodeCursor);

export const pageQuery = { limit: Limit, after: After };

export function page<T extends z.ZodType>(
  item: T,
): z.ZodObject<{ data: z.ZodArray<T>; nextCursor: z.ZodNullable<z.ZodString> }> {
  return z.object({
    data: z.array(item),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: 'Pass as `after` for the next page; null on the last page.' }),
  });
}

export const IdParams = z.object({ id: Id }).strict();

export const FieldErrorJson = z.object({ path: z.string(), message: z.string() });

export const ProblemJson = z
  .object({
    type: z.string().meta({ description: 'https://livedrops.dev/problems/<code>' }),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    code: z
      .enum(['internal_error', ...ERROR_CODES] as [string, ...string[]])
      .meta({ description: 'A code of the error table; `internal_error` only on 500.' }),
    instance: z.string().optional().meta({ description: 'The request path.' }),
    errors: z
      .array(FieldErrorJson)
      .optional()
      .meta({ description: 'validation_failed only: one entry per bad field.' }),
    available: z.int().optional().meta({ description: 'insufficient_stock / sold_out: units left.' }),
    remainingAllowance: z
      .int()
      .optional()
      .meta({ description: 'purchase_limit_exceeded: units this user may still buy.' }),
    retryAfter: z.int().optional().meta({ description: 'rate_limited: seconds to wait (also in Retry-After).' }),
    declineCode: z
      .string()
      .optional()
      .meta({ description: 'payment_declined: why the gateway refused (`card_declined`, `insufficient_funds`, …).' }),
    expiresAt: z.string().optional().meta({ description: "hold_expired: the hold's deadline." }),
    orderStatus: z.string().optional().meta({ description: "order_not_payable / order_not_held: the order's status." }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details (application/problem+json).' });
