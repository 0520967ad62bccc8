import { expect } from 'chai';
import { decodeCursor, encodeCursor } from '../src/cursor.js';
import { parseIdempotencyKey } from '../src/idempotency-key.js';

describe('cursor codec', () => {
  it('round-trips numeric and string keys', () => {
    for (const c of [{ key: 1_763_000_000_000, id: '0190aaaa-0000-7000-8000-000000000000' }, { key: 'abc', id: 'x_Y-1' }]) {
      expect(decodeCursor(encodeCursor(c))).to.deep.equal(c);
    }
  });

  it('rejects anything it could not have issued', () => {
    const b = (s: string): string => Buffer.from(s).toString('base64url');
    for (const bad of ['', '!!', `${b('[1,"a"]')}=`, b('[1,"a",2]'), b('[1.5,"a"]'), b('[null,"a"]'), b('[1,""]'), b('[1,"a b"]'), b('{}'), 'A'.repeat(600)]) {
      expect(decodeCursor(bad), bad).to.equal(null);
    }
  });
});

describe('Idempotency-Key parsing', () => {
  it('accepts tokens and RFC 8941 strings, unquoting escapes', () => {
    expect(parseIdempotencyKey('abc-123')).to.equal('abc-123');
    expect(parseIdempotencyKey('"abc-123"')).to.equal('abc-123');
    expect(parseIdempotencyKey('"a\\"b\\\\c"')).to.equal('a"b\\c');
    expect(parseIdempotencyKey(' spaced key ')).to.equal('spaced key');
  });

  it('distinguishes missing (idempotency_key_required) from invalid (validation_failed)', () => {
    expect(() => parseIdempotencyKey(undefined)).to.throw().with.property('code', 'idempotency_key_required');
    for (const bad of ['', '   ', '""', '"a', '"a"b"', '"a\\b"', 'x'.repeat(256), '\u00e9', 'a\u0001b']) {
      expect(() => parseIdempotencyKey(bad), JSON.stringify(bad)).to.throw().with.property('code', 'validation_failed');
    }
  });
});
