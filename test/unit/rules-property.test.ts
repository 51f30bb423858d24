// Property tests of the shared rules: decimal ordering against BigInt arithmetic (also as the table sorts),
// and reading dates back from the text they were written as.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { groupByPeriod } from '../../src/shared/grouping';
import { compareDecimals, isDecimalText, parseEventTime, sumDecimals } from '../../src/shared/rules';
import { TableModel } from '../../webview/table/model';
import { testEvent } from './api-support';

// ---- decimals -------------------------------------------------------------------------------------------

/** Reference reading, written independently of parseDecimal: the value is units / 10^scale. */
function reference(text: string): { units: bigint; scale: bigint } {
  const [mantissa, exponent = '0'] = text.toLowerCase().split('e');
  const negative = mantissa.startsWith('-');
  const [whole, fraction = ''] = (negative ? mantissa.slice(1) : mantissa).split('.');
  const units = BigInt(whole + fraction);
  return { units: negative ? -units : units, scale: BigInt(fraction.length) - BigInt(exponent) };
}

/** Sign of a − b by cross-multiplying, so no digit is lost. */
function referenceCompare(a: string, b: string): number {
  const x = reference(a);
  const y = reference(b);
  const shift = x.scale > y.scale ? x.scale : y.scale;
  const xu = x.units * 10n ** (shift - x.scale);
  const yu = y.units * 10n ** (shift - y.scale);
  return xu < yu ? -1 : xu > yu ? 1 : 0;
}

const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

/** Decimal text as JSON writes numbers, with leading zeros, trailing zeros and exponents thrown in. */
const decimalText = fc
  .tuple(
    fc.boolean(),
    fc.oneof(digits(1, 3), digits(1, 25), fc.constantFrom('9007199254740992', '9007199254740993', '0', '00')),
    fc.option(digits(1, 12), { nil: undefined }),
    fc.option(fc.integer({ min: -30, max: 30 }), { nil: undefined }),
    fc.constantFrom('e', 'E'),
  )
  .map(([negative, whole, fraction, exponent, e]) =>
    `${negative ? '-' : ''}${whole}${fraction === undefined ? '' : `.${fraction}`}${exponent === undefined ? '' : `${e}${exponent}`}`,
  );

/** Text that is not a decimal, some of it close to one. */
const nonDecimalText = fc.oneof(
  fc.constantFrom('', ' ', '+1', '.5', '1.', '1e', '0x10', 'Infinity', 'NaN', ' 1', '1 ', '1,5', 'n/a', '1e1001'),
  fc.string({ maxLength: 6 }).filter((text) => !/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text)),
);

describe('rule properties: decimal ordering', () => {
  it('compareDecimals orders decimals exactly as BigInt arithmetic does', () => {
    fc.assert(
      fc.property(decimalText, decimalText, (a, b) => {
        assert.equal(compareDecimals(a, b), referenceCompare(a, b), `${a} vs ${b}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with the sum: a > b exactly when a − b is positive', () => {
    fc.assert(
      fc.property(decimalText.filter((t) => !/[eE]/.test(t)), decimalText.filter((t) => !/[eE]/.test(t)), (a, b) => {
        const negated = b.startsWith('-') ? b.slice(1) : `-${b}`;
        const difference = sumDecimals([a, negated]);
        assert.equal(compareDecimals(a, b), compareDecimals(difference, '0'), `${a} − ${b} = ${difference}`);
      }),
      { numRuns: 1000 },
    );
  });

  it('is a total order: antisymmetric, every number before every non-number, non-numbers by text', () => {
    const anyText = fc.oneof(decimalText, nonDecimalText);
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        assert.equal(compareDecimals(a, b), -compareDecimals(b, a) || 0, `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
        const [da, db] = [isDecimalText(a), isDecimalText(b)];
        if (da && !db) assert.equal(compareDecimals(a, b), -1);
        if (!da && !db) assert.equal(compareDecimals(a, b), a < b ? -1 : a > b ? 1 : 0);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(anyText, anyText, anyText, (a, b, c) => {
        const sorted = [a, b, c].sort(compareDecimals);
        assert.ok(compareDecimals(sorted[0], sorted[2]) <= 0, `transitive: ${JSON.stringify(sorted)}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('the table sorts targetValue in compareDecimals\u2019 order, ties in server order', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof({ weight: 4, arbitrary: decimalText }, { weight: 1, arbitrary: nonDecimalText }), { minLength: 1, maxLength: 60 }), (values) => {
        const events = values.map((targetValue, i) => testEvent({ eventLogId: String(i + 1), targetValue }));
        const model = new TableModel(groupByPeriod(events));
        const { rows } = model.rows({ filterText: '', eventLabel: '', flaggedOnly: false, collapsed: new Set(), sort: { column: 'targetValue', direction: 'ascending' } });
        const shown = Array.from(rows.subarray(1));
        const expected = values.map((_, i) => i).sort((a, b) => compareDecimals(values[a], values[b]) || a - b);
        assert.deepEqual(shown, expected, JSON.stringify(values));
      }),
      { numRuns: 500 },
    );
  });
});

// ---- dates ----------------------------------------------------------------------------------------------

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** The server's form of an instant, in UTC: `YYYY-MM-DD HH:MM:SS.fff` plus `extraZeros` more fraction digits. */
function serverText(date: Date, extraZeros: number): string {
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${pad(date.getUTCMilliseconds(), 3)}${'0'.repeat(extraZeros)}`
  );
}

const instant = fc.date({ min: new Date(Date.parse('0001-01-01T00:00:00Z')), max: new Date(Date.parse('9999-12-31T23:59:59.999Z')), noInvalidDate: true });

describe('rule properties: reading dates', () => {
  it('reads an instant back from the server form, whatever the fraction length', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 6 }), (date, extraZeros) => {
        const text = serverText(date, extraZeros);
        assert.equal(parseEventTime(text), date.getTime(), text);
        if (date.getUTCMilliseconds() === 0) {
          assert.equal(parseEventTime(text.slice(0, 19)), date.getTime(), 'without a fraction');
          assert.equal(parseEventTime(`${text.slice(0, 19)}.0`), date.getTime(), 'with ".0"');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('reads an instant back from ISO 8601 in any zone', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: -14 * 60, max: 14 * 60 }), fc.boolean(), (date, offsetMinutes, colon) => {
        assert.equal(parseEventTime(date.toISOString()), date.getTime(), date.toISOString());
        const wall = new Date(date.getTime() + offsetMinutes * 60_000);
        if (wall.getUTCFullYear() < 1 || wall.getUTCFullYear() > 9999) return;
        const sign = offsetMinutes < 0 ? '-' : '+';
        const zone = `${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}${colon ? ':' : ''}${pad(Math.abs(offsetMinutes) % 60)}`;
        const text = `${serverText(wall, 0).replace(' ', 'T')}${zone}`;
        assert.equal(parseEventTime(text), date.getTime(), text);
      }),
      { numRuns: 2000 },
    );
  });

  it('the fast path reads exactly what the general pattern reads', () => {
    // A leading space keeps a text off the fast path (the pattern trims it), so both readings can be compared,
    // including out-of-range fields, over-long fractions and odd zones.
    const field = (width: number) => digits(width, width);
    const zone = fc.oneof(
      fc.constantFrom('', 'Z', 'z', '+', '-', 'Z ', '+5:30'),
      fc.tuple(fc.constantFrom('+', '-'), field(2), fc.constantFrom('', ':'), fc.option(digits(1, 3), { nil: undefined })).map(
        ([sign, hours, colon, minutes]) => `${sign}${hours}${minutes === undefined ? '' : colon + minutes}`,
      ),
    );
    fc.assert(
      fc.property(
        fc.tuple(field(4), field(2), field(2), fc.constantFrom(' ', 'T', 't'), field(2), field(2), field(2)),
        fc.option(fc.tuple(fc.constantFrom('.', ','), digits(0, 10)), { nil: undefined }),
        zone,
        ([y, mo, d, separator, h, mi, s], fraction, zoneText) => {
          const text = `${y}-${mo}-${d}${separator}${h}:${mi}:${s}${fraction === undefined ? '' : fraction.join('')}${zoneText}`;
          assert.equal(parseEventTime(text), parseEventTime(` ${text}`), JSON.stringify(text));
        },
      ),
      { numRuns: 10000 },
    );
  });

  it('the fast path reads the forms real dates take, the same as the pattern', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: -14 * 60, max: 14 * 60 }), fc.integer({ min: 0, max: 6 }), (date, offsetMinutes, extraZeros) => {
        const server = serverText(date, extraZeros);
        const iso = date.toISOString();
        const sign = offsetMinutes < 0 ? '-' : '+';
        const zoned = `${server.replace(' ', 'T')}${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
        for (const text of [server, iso, zoned]) {
          const value = parseEventTime(text);
          assert.notEqual(value, undefined, text);
          assert.equal(value, parseEventTime(` ${text}`), text);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
