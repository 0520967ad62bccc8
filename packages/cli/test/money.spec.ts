import { expect } from 'chai';
import fc from 'fast-check';
import { formatCents, parsePrice } from '../src/money.js';
import { UsageError } from '../src/errors.js';

describe('money: decimal prices to integer cents without floats', () => {
  for (const [text, cents] of [
    ['49.99', 4999],
    ['0.1', 10],
    ['0.01', 1],
    ['0.29', 29], // parseFloat('0.29') * 100 === 28.999999999999996
    ['7', 700],
    ['007.50', 750],
    ['19.9', 1990],
    ['10000000', 1_000_000_000],
    ['10000000.00', 1_000_000_000],
  ] as const) {
    it(`"${text}" → ${cents}`, () => expect(parsePrice(text)).to.equal(cents));
  }

  for (const junk of ['', ' 1', '1 ', '-1', '-0.5', '+1', '1.999', '0.001', '1e3', '1,50', '1.', '.5', 'abc', '0x10', 'NaN', 'Infinity', '١٢', '0', '0.00', '10000000.01', '99999999999999999999']) {
    it(`rejects "${junk}" as a usage error (exit 2)`, () => {
      expect(() => parsePrice(junk)).to.throw(UsageError).with.property('exitCode', 2);
    });
  }

  it('explains too many decimals', () => expect(() => parsePrice('49.999')).to.throw(/at most two decimals/));

  it('round-trips every cent amount the API accepts', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1_000_000_000 }), (c) => parsePrice(formatCents(c)) === c));
  });

  it('formats with integer arithmetic', () => {
    expect(formatCents(4999)).to.equal('49.99');
    expect(formatCents(10)).to.equal('0.10');
    expect(formatCents(100000)).to.equal('1000.00');
    expect(formatCents(-5)).to.equal('-0.05');
  });
});
