// Property tests: exact decimal sums against a BigInt reference on random data, through sumDecimals, the
// per-period totals of groupByPeriod, and the JSON parser.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { JsonNumber, normalizeEvent, parseJson, sumDecimals, type TrackedTargetEvent } from '../../src/capillary';
import { groupByPeriod } from '../../src/shared/grouping';

const referenceScale = 8;

/** Reference: every value scaled to 8 fraction digits as a BigInt (inputs have at most 8). */
function referenceUnits(text: string): bigint {
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const units = BigInt(whole) * 10n ** BigInt(referenceScale) + BigInt(fraction.padEnd(referenceScale, '0') || '0');
  return negative ? -units : units;
}

const decimalText = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 22n }), fc.option(fc.stringMatching(/^[0-9]{1,8}$/), { nil: undefined }))
  .map(([negative, whole, fraction]) => `${negative ? '-' : ''}${whole}${fraction === undefined ? '' : `.${fraction}`}`);

function fractionDigits(text: string): number {
  return text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
}

function checkSum(values: string[], sum: string): void {
  const expected = values.reduce((total, value) => total + referenceUnits(value), 0n);
  assert.equal(referenceUnits(sum), expected, `${values.join(' + ')} = ${sum}`);
  assert.equal(fractionDigits(sum), Math.max(0, ...values.map(fractionDigits)), 'keeps the most precise addend\u2019s digits');
  assert.match(sum, /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/, 'canonical plain decimal text');
}

describe('decimal sum properties', () => {
  it('sumDecimals matches the BigInt reference', () => {
    fc.assert(
      fc.property(fc.array(decimalText, { maxLength: 40 }), (values) => checkSum(values, sumDecimals(values))),
      { numRuns: 1000 },
    );
  });

  it('per-period totals match the BigInt reference, values parsed from JSON', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(decimalText, fc.integer({ min: 1, max: 4 })), { minLength: 1, maxLength: 60 }), (rows) => {
        const json = `[${rows
          .map(([value, period], i) => `{"eventLogId":${9007199254740993n + BigInt(i)},"periodId":${period},"targetValue":${value}}`)
          .join(',')}]`;
        const parsed = parseJson(json) as unknown[];
        const events: TrackedTargetEvent[] = parsed.map((raw, i) => normalizeEvent(raw as never, i));
        events.forEach((event, i) => {
          // Text survives as sent; only a negative zero loses its sign.
          const sent = rows[i][0];
          assert.equal(event.targetValue, /^-0(\.0+)?$/.test(sent) ? sent.slice(1) : sent, 'value text survives parsing');
          assert.equal(event.eventLogId, String(9007199254740993n + BigInt(i)), 'ID survives parsing');
        });
        for (const group of groupByPeriod(events)) {
          const values = rows.filter(([, period]) => String(period) === group.periodId).map(([value]) => value);
          assert.equal(group.count, values.length);
          checkSum(values, group.totalTargetValue);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reads exponent forms to the same exact value', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: -8, max: 8 }), (units, exponent) => {
        const text = `${units}E${exponent >= 0 ? '+' : ''}${exponent}`;
        const parsed = parseJson(text);
        assert.ok(parsed instanceof JsonNumber);
        const event = normalizeEvent(parseJson(`{"eventLogId":1,"targetValue":${text}}`), 0);
        const expected = exponent >= 0 ? units * 10n ** BigInt(exponent) * 10n ** BigInt(referenceScale) : units * 10n ** BigInt(referenceScale + exponent);
        assert.equal(referenceUnits(event.targetValue), expected, `${text} -> ${event.targetValue}`);
      }),
      { numRuns: 500 },
    );
  });
});
