/**
 * The decisions api.md leaves open, written down where clients read them: the
 * OpenAPI document's description.
 */
export const API_DESCRIPTION = `The public HTTP contract of Live Drops (api.md, version 1).

**Bodies** are JSON (\`application/json\`, UTF-8, at most 64 KiB; larger → 413 \`payload_too_large\`, other media types or compressed bodies → 415 \`unsupported_media_type\`). Unknown body fields are rejected (400), so nothing can be mass-assigned.

**Query parameters** are validated like bodies: unknown parameters, repeated parameters and ill-formed values are 400 \`validation_failed\`.

**Errors** are RFC 9457 \`application/problem+json\`: \`{ type, title, status, detail, code, instance }\` plus extension members. \`type\` is \`https://livedrops.dev/problems/<code>\`, \`instance\` the request path. 401 carries \`WWW-Authenticate: Bearer\`, 429 \`Retry-After\` (seconds), 405 \`Allow\`. An unexpected failure is a bare 500 with \`code: internal_error\` and the \`requestId\`; nothing internal is ever shown. \`drop_not_live\` carries \`dropStatus\` (upcoming, ended or cancelled).

**Validation errors** (\`validation_failed\`) list every bad input in \`errors: [{ path, message }]\`. \`path\` names the input by its own name: a body field as a dot path (\`priceCents\`, \`stock\`), a query parameter (\`limit\`, \`after\`), a path parameter (\`id\`), or a header (\`Idempotency-Key\`); \`body\` means the body as a whole (malformed JSON, not an object). Ids must be 1-64 of \`A-Z a-z 0-9 _ -\`; anything else is a 400 naming the parameter.

**Pagination** on every list: \`limit\` 1..100 (default 20) and \`after\`, the opaque \`nextCursor\` of the previous page. Responses are \`{ data, nextCursor }\`, \`nextCursor\` null on the last page. Keyset pagination: walking all pages returns every item that existed when the walk began exactly once, in a stable order, even while items are added. A cursor this API did not issue is a 400 naming \`after\`.

**Times** are ISO 8601 UTC with milliseconds (\`2026-11-21T19:00:00.000Z\`). Inputs also accept an explicit offset (\`+01:00\`).

**Auth**: \`Authorization: Bearer <token>\`. Browsing products, drops and creator profiles needs no token.

**X-Request-Id**: a client value of 1-128 of \`A-Z a-z 0-9 . _ : -\` is echoed; otherwise one is generated. Every response carries it.`;
