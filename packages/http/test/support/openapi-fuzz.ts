import fc from 'fast-check';

/** A JSON Schema node of /openapi.json (only what the generators read). */
type Schema = Record<string, any>;

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface FuzzWorld {
  /** Ids that exist (creators, products, drops, orders): valid path parameters sometimes hit real rows. */
  ids: string[];
  /** Bearer tokens to authenticate with (valid ones and a planted one that must never be logged). */
  tokens: string[];
  /** Cursors issued by some list, to be sent to others. */
  cursors: string[];
}

const b64 = (s: string): string => Buffer.from(s).toString('base64url');

/** Values no field should ever accept, or that stress a parser: the mutations. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('a\u0000b', '\u0000', 'x\udc00', '\ud800', '\udc00\ud800', '', ' ', '\u202e', 'NaN', '-1', '1e309'),
  fc.constantFrom("1' OR '1'='1", '{"$gt":""}', '../../etc/passwd', '%00', '<script>', '__proto__'),
  fc.constantFrom(
    b64('["2026-01-01","a"]'),
    b64('[-1,"a"]'),
    b64('[1e400,"a"]'),
    `${b64('[1,"a"]')}.${'A'.repeat(22)}`,
  ),
  fc.constant('x'.repeat(70_000)),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, false, [], {}, [1, 2], { a: { b: 1 } }, 2 ** 53 + 1, -0),
);

function resolve(schema: Schema, components: Record<string, Schema>): Schema {
  return schema?.$ref ? resolve(components[String(schema.$ref).split('/').pop()!]!, components) : (schema ?? {});
}

/** A value the schema (mostly) accepts, drawn from the world where ids are concerned. */
export function valid(schema: Schema, components: Record<string, Schema>, world: FuzzWorld): fc.Arbitrary<unknown> {
  const s = resolve(schema, components);
  if (s.anyOf) return fc.oneof(...s.anyOf.map((x: Schema) => valid(x, components, world)));
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.const !== undefined) return fc.constant(s.const);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string':
      if (s.format === 'date-time')
        return fc.integer({ min: -86_400_000, max: 86_400_000 * 3 }).map((d) => new Date(Date.now() + d).toISOString());
      if (s.pattern === '^[a-z0-9_]{3,32}$') return fc.stringMatching(/^[a-z0-9_]{3,32}$/);
      if (s.pattern) return fc.oneof(fc.constantFrom(...world.ids), fc.stringMatching(new RegExp(s.pattern)));
      return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 30, 30) });
    case 'integer':
      return fc.integer({ min: s.minimum ?? -5, max: Math.min(s.maximum ?? 1_000, 1_000_000) });
    case 'number':
      return fc.double({ noNaN: true, min: s.minimum ?? -1e6, max: s.maximum ?? 1e6 });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(valid(s.items ?? {}, components, world), { maxLength: 3 });
    case 'object': {
      const props = Object.entries<Schema>(s.properties ?? {});
      if (props.length === 0) return fc.constant({});
      const record = Object.fromEntries(props.map(([k, v]) => [k, valid(v, components, world)]));
      return fc.record(record, { requiredKeys: (s.required ?? []).filter((k: string) => k in record) });
    }
    default:
      return fc.constant(null);
  }
}

/** A valid value with, now and then, one member replaced by junk, dropped, or an unknown one added. */
export function mutated(schema: Schema, components: Record<string, Schema>, world: FuzzWorld): fc.Arbitrary<unknown> {
  return fc
    .tuple(valid(schema, components, world), fc.nat(9), junk, fc.string({ maxLength: 8 }))
    .map(([v, how, j, extra]) => {
      if (how < 4 || v === null || typeof v !== 'object' || Array.isArray(v)) return how < 6 ? v : j;
      const copy: Record<string, unknown> = { ...(v as Record<string, unknown>) };
      const keys = Object.keys(copy);
      if (how < 7 && keys.length > 0) copy[keys[how % keys.length]!] = j;
      else if (how < 8 && keys.length > 0) delete copy[keys[0]!];
      else copy[extra || 'extra'] = j;
      return copy;
    });
}

const text = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? 'null'));
// encodeURIComponent throws on a lone surrogate; such a value goes as its replacement bytes instead.
const enc = (v: unknown): string => {
  try {
    return encodeURIComponent(text(v));
  } catch {
    return encodeURIComponent(text(v).replace(/[\ud800-\udfff]/g, '\ufffd'));
  }
};

/** Requests for one operation: parameters valid or junk, a body valid or mutated, any of the world's tokens. */
export function requestsFor(
  method: string,
  template: string,
  op: Schema,
  components: Record<string, Schema>,
  world: FuzzWorld,
): fc.Arbitrary<FuzzRequest> {
  const params: Schema[] = op.parameters ?? [];
  const value = (p: Schema): fc.Arbitrary<unknown> =>
    p.name === 'after'
      ? fc.oneof(fc.constantFrom(...world.cursors), junk)
      : fc.oneof({ arbitrary: valid(p.schema ?? {}, components, world), weight: 3 }, { arbitrary: junk, weight: 1 });
  const paramArbs = params.map((p) => fc.tuple(fc.constant(p), fc.boolean(), value(p)));
  const bodySchema = op.requestBody?.content?.['application/json']?.schema;
  const body = bodySchema
    ? fc.oneof({ arbitrary: mutated(bodySchema, components, world), weight: 4 }, { arbitrary: junk, weight: 1 })
    : fc.constant(undefined);
  // Mostly the world's first tokens (valid ones), now and then none, the planted one or an unknown one.
  const token = fc.option(
    fc.oneof({ arbitrary: fc.constantFrom(...world.tokens.slice(0, 2)), weight: 4 }, fc.constantFrom(...world.tokens)),
    { freq: 6 },
  );
  return fc
    .tuple(fc.tuple(...paramArbs), body, token, fc.option(fc.tuple(fc.string({ maxLength: 6 }), junk), { freq: 8 }))
    .map(([values, b, tok, unknownParam]) => {
      let path = template;
      const query: string[] = [];
      const headers: Record<string, string> = {};
      for (const [p, present, v] of values) {
        if (p.in === 'path') path = path.replace(`{${p.name}}`, enc(v));
        else if (p.in === 'query' && (present || p.required)) query.push(`${p.name}=${enc(v)}`);
        else if (p.in === 'header' && (present || p.required))
          headers[p.name] = text(v)
            .replace(/[^\x20-\x7e]/g, '?')
            .slice(0, 300);
      }
      if (unknownParam) query.push(`${enc(unknownParam[0]) || 'x'}=${enc(unknownParam[1])}`);
      if (tok) headers['Authorization'] = `Bearer ${tok}`;
      const request: FuzzRequest = {
        method: method.toUpperCase(),
        path: query.length ? `${path}?${query.join('&')}` : path,
        headers,
      };
      if (b !== undefined) {
        headers['Content-Type'] = 'application/json';
        request.body = JSON.stringify(b) ?? 'null';
      }
      return request;
    });
}
