import { expect } from 'chai';
import { csvField, csvRow } from '../src/csv.js';
import { formatDuration, parseCount, parseDuration, parseInstant } from '../src/duration.js';
import { problemLine } from '../src/errors.js';
import { colourAllowed, createOutput } from '../src/output.js';
import { scheduleWindow } from '../src/commands/drop.command.js';

describe('durations, instants and counts', () => {
  for (const [t, ms] of [
    ['30s', 30_000],
    ['10m', 600_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['2d', 172_800_000],
    ['1h0m5s', 3_605_000],
  ] as const) {
    it(`"${t}" → ${ms} ms`, () => expect(parseDuration(t)).to.equal(ms));
  }
  for (const bad of ['', '0s', '10', 'm', '1.5h', '30m1h', '-1m', '1 h', '1H', '1hh']) {
    it(`rejects "${bad}" (exit 2)`, () =>
      expect(() => parseDuration(bad))
        .to.throw()
        .with.property('exitCode', 2));
  }
  it('formats countdowns', () => {
    expect(formatDuration(54_000)).to.equal('54s');
    expect(formatDuration(65_000)).to.equal('1m05s');
    expect(formatDuration(5_400_000)).to.equal('1h30m00s');
    expect(formatDuration(-5)).to.equal('0s');
  });
  it('takes only zoned ISO 8601 instants', () => {
    expect(parseInstant('2026-11-21T19:00:00Z', '--starts')).to.equal(Date.UTC(2026, 10, 21, 19));
    expect(parseInstant('2026-11-21T20:00:00.000+01:00', '--starts')).to.equal(Date.UTC(2026, 10, 21, 19));
    for (const bad of ['2026-11-21', '2026-11-21T19:00:00', 'tomorrow', '2026-13-45T99:00:00Z']) {
      expect(() => parseInstant(bad, '--starts'), bad)
        .to.throw()
        .with.property('exitCode', 2);
    }
  });
  it('takes counts as plain digits in range', () => {
    expect(parseCount('10', '--stock')).to.equal(10);
    for (const bad of ['0', '1e3', '10.0', '-1', '', '99999999999'])
      expect(() => parseCount(bad, '--stock'), bad)
        .to.throw()
        .with.property('exitCode', 2);
  });
  it('schedules from exactly one start and one end flag', () => {
    expect(scheduleWindow({ product: 'p', stock: '1', startsIn: '10m', duration: '1h' }, 1000)).to.deep.equal({
      startsAt: 601_000,
      endsAt: 4_201_000,
    });
    expect(() => scheduleWindow({ product: 'p', stock: '1', duration: '1h' }, 0)).to.throw(/exactly one of --starts/);
    expect(() =>
      scheduleWindow({ product: 'p', stock: '1', startsIn: '1m', starts: '2026-11-21T19:00:00Z', duration: '1h' }, 0),
    ).to.throw(/exactly one/);
    expect(() =>
      scheduleWindow({ product: 'p', stock: '1', starts: '2026-11-21T19:00:00Z', ends: '2026-11-21T18:00:00Z' }, 0),
    ).to.throw(/end after/);
  });
});

describe('CSV escaping (RFC 4180, and no formulas)', () => {
  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('plain')).to.equal('plain');
    expect(csvField('a,b')).to.equal('"a,b"');
    expect(csvField('say "hi"')).to.equal('"say ""hi"""');
    expect(csvField('two\nlines')).to.equal('"two\nlines"');
    expect(csvField('cr\r')).to.equal('"cr\r"');
  });
  it('defuses cells a spreadsheet would evaluate', () => {
    for (const f of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx']) expect(csvField(f).replace(/^"/, '')).to.match(/^'/);
  });
  it('ends records with CRLF', () => expect(csvRow(['a', 'b,c'])).to.equal('a,"b,c"\r\n'));
});

describe('output conventions', () => {
  const tty = { isTTY: true, write: () => true };
  const pipe = { isTTY: false, write: () => true };
  it('colours only a terminal, never with NO_COLOR, TERM=dumb or --no-color', () => {
    expect(colourAllowed(tty, {})).to.equal(true);
    expect(colourAllowed(pipe, {})).to.equal(false);
    expect(colourAllowed(tty, { NO_COLOR: '1' })).to.equal(false);
    expect(colourAllowed(tty, { NO_COLOR: '' })).to.equal(true); // no-color.org: empty means unset
    expect(colourAllowed(tty, { TERM: 'dumb' })).to.equal(false);
    expect(colourAllowed(tty, {}, false)).to.equal(false);
  });
  it('aligns tables by visible width, ignoring escape codes', () => {
    let text = '';
    const out = createOutput(
      { json: false, color: true },
      {},
      { isTTY: true, write: (t: string) => (text += t) },
      pipe,
    );
    out.table(
      ['A', 'B'],
      [
        [out.c.green('x'), '1'],
        ['long', '2'],
      ],
    );
    const lines = text.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
    expect(lines.slice(0, 3)).to.deep.equal(['A     B', 'x     1', 'long  2']);
  });
  it('renders a problem as one line: title — detail (code)', () => {
    expect(
      problemLine({ title: 'The drop is sold out', detail: 'Nothing left', status: 409, code: 'sold_out' }),
    ).to.equal('The drop is sold out — Nothing left (sold_out)');
    expect(
      problemLine({
        title: 'Bad',
        detail: 'x\ny',
        status: 400,
        code: 'validation_failed',
        errors: [{ path: 'body.stock', message: 'must be big' }],
      }),
    ).to.equal('Bad — x y (validation_failed): body.stock must be big');
  });
});
