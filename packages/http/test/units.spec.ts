import { expect } from 'chai';
import { decodeCursor, encodeCursor } from '../src/cursor.js';
import { CursorSigner, listScope } from '../src/cursor-signer.js';
import { parseIdempotencyKey } from '../src/idempotency-key.js';

describe('cursor codec', () => {
  it('round-trips keys (times and positions)', () => {
    for (const c of [
      { key: 1_763_000_000_000, id: '0190aaaa-0000-7000-8000-000000000000' },
      { key: 0, id: 'x_Y-1' },
    ]) {
      expect(decodeCursor(encodeCursor(c))).to.deep.equal(c);
    }
  });

  it('rejects anything it could not have issued', () => {
    const b = (s: string): string => Buffer.from(s).toString('base64url');
    for (const bad of [
      '',
      '!!',
      `${b('[1,"a"]')}=`,
      b('[1,"a",2]'),
      b('[1.5,"a"]'),
      b('[null,"a"]'),
      b('[1,""]'),
      b('[1,"a b"]'),
      b('{}'),
      'A'.repeat(600),
      b('["2026-01-01","a"]'),
      b('[-1,"a"]'),
      b('[9e15,"a"]'),
    ]) {
      expect(decodeCursor(bad), bad).to.equal(null);
    }
  });
});

describe('cursor signer', () => {
  const scope = listScope('listProducts', {}, { creatorId: 'c1', limit: '5' }, undefined);
  it('opens what it signed for the same list only', () => {
    const signer = new CursorSigner('x'.repeat(32));
    const signed = signer.sign('WzEsImEiXQ', scope);
    expect(signer.open(signed, scope)).to.equal('WzEsImEiXQ');
    expect(
      signer.open(signed, listScope('listProducts', {}, { creatorId: 'c1', limit: '50' }, undefined)),
      'limit is free',
    ).to.equal('WzEsImEiXQ');
    expect(signer.open(signed, listScope('listProducts', {}, { creatorId: 'c2' }, undefined)), 'other filter').to.equal(
      null,
    );
    expect(signer.open(signed, listScope('listDrops', {}, { creatorId: 'c1' }, undefined)), 'other list').to.equal(
      null,
    );
    expect(signer.open(signed, listScope('listProducts', {}, { creatorId: 'c1' }, 'u1')), 'other caller').to.equal(
      null,
    );
    expect(new CursorSigner('y'.repeat(32)).open(signed, scope), 'other key').to.equal(null);
    for (const bad of ['WzEsImEiXQ', `${signed}x`, signed.replace('WzEs', 'WzIs'), '.', `.${'A'.repeat(22)}`]) {
      expect(signer.open(bad, scope), bad).to.equal(null);
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
    expect(() => parseIdempotencyKey(undefined))
      .to.throw()
      .with.property('code', 'idempotency_key_required');
    for (const bad of ['', '   ', '""', '"a', '"a"b"', '"a\\b"', 'x'.repeat(256), '\u00e9', 'a\u0001b']) {
      expect(() => parseIdempotencyKey(bad), JSON.stringify(bad))
        .to.throw()
        .with.property('code', 'validation_failed');
    }
  });
});
