import { expect } from 'chai';
import fc from 'fast-check';
import { formatMinor, formatMoney, minorDigits, parseCurrency, parsePrice } from '../src/money.js';
import { UsageError } from '../src/errors.js';

describe('money: decimal prices to integer minor units without floats', () => {
  for (const [text, cents] of [
    ['49.99', 4999],
    ['0.1', 10],
    ['.5', 50],
    ['.05', 5],
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

  for (const junk of [
    '',
    '.',
    ' 1',
    '1 ',
    '-1',
    '-0.5',
    '+1',
    '1.999',
    '0.001',
    '1e3',
    '1,50',
    '1.',
    'abc',
    '0x10',
    'NaN',
    'Infinity',
    '١٢',
    '0',
    '0.00',
    '.0',
    '10000000.01',
    '99999999999999999999',
  ]) {
    it(`rejects "${junk}" as a usage error (exit 2)`, () => {
      expect(() => parsePrice(junk))
        .to.throw(UsageError)
        .with.property('exitCode', 2);
    });
  }

  it('explains too many decimals, per currency', () => {
    expect(() => parsePrice('49.999')).to.throw(/at most two decimals/);
    expect(() => parsePrice('100.5', 'JPY')).to.throw(/JPY has no minor unit/);
  });

  it('counts each currency in its own minor unit: JPY has none, BHD three', () => {
    expect([minorDigits('EUR'), minorDigits('JPY'), minorDigits('BHD')]).to.deep.equal([2, 0, 3]);
    expect(parsePrice('100', 'JPY')).to.equal(100);
    expect(parsePrice('1.234', 'BHD')).to.equal(1234);
    expect(parsePrice('1000000000', 'JPY')).to.equal(1_000_000_000);
    expect(() => parsePrice('1000000001', 'JPY')).to.throw(/maximum is 1000000000/);
    expect(formatMoney(100, 'JPY')).to.equal('100 JPY');
    expect(formatMoney(1234, 'BHD')).to.equal('1.234 BHD');
    expect(formatMoney(4999, 'EUR')).to.equal('49.99 EUR');
  });

  it('upper-cases currency codes and refuses what ISO 4217 does not know', () => {
    expect(parseCurrency('eur')).to.equal('EUR');
    expect(parseCurrency('Jpy')).to.equal('JPY');
    for (const bad of ['XYZ', 'EU', 'EURO', '€', '']) {
      expect(() => parseCurrency(bad), bad)
        .to.throw(UsageError)
        .with.property('message')
        .that.match(/--currency .*ISO 4217/);
    }
  });

  it('round-trips every amount the API accepts, in EUR, JPY and BHD', () => {
    for (const currency of ['EUR', 'JPY', 'BHD']) {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 1_000_000_000 }),
          (c) => parsePrice(formatMinor(c, currency), currency) === c,
        ),
      );
    }
  });

  it('formats with integer arithmetic', () => {
    expect(formatMinor(4999, 'USD')).to.equal('49.99');
    expect(formatMinor(10, 'USD')).to.equal('0.10');
    expect(formatMinor(100000, 'USD')).to.equal('1000.00');
    expect(formatMinor(-5, 'USD')).to.equal('-0.05');
  });
});
