// Exact decimals, ID validation, event dates and grouping by period.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CapillaryApiError, compareDecimals, formatDecimal, idValidationMessage, normalizeDecimalText, parseDecimal, parseEventTime, sumDecimals, validateId } from '../../src/capillary';
import { groupByPeriod, PeriodGrouper } from '../../src/shared/grouping';
import { testEvent } from './api-support';

describe('decimals', () => {
  it('sums exactly, keeping the most precise addend\u2019s fraction digits', () => {
    assert.equal(0.1 + 0.2 === 0.3, false, 'floating point would be wrong');
    assert.equal(sumDecimals(['1000', '2000.46', '999.54']), '4000.00');
    assert.equal(sumDecimals(['1000', '2000', '2000', '2000.46', '2000.46']), '9000.92');
    assert.equal(sumDecimals(['1.000', '1.000']), '2.000');
    assert.equal(sumDecimals(['0.1', '0.2']), '0.3');
    assert.equal(sumDecimals(['1000', '1000']), '2000');
    assert.equal(sumDecimals([]), '0');
    assert.equal(sumDecimals(['-250.50', '100']), '-150.50');
    assert.equal(sumDecimals(['9223372036854775807', '1']), '9223372036854775808');
    assert.equal(sumDecimals(['5', '', 'n/a']), '5', 'non-numbers are skipped');
  });

  it('parses and formats plain text and exponents', () => {
    assert.deepEqual(parseDecimal('2000.46'), { units: 200046n, scale: 2 });
    assert.deepEqual(parseDecimal('1.5e3'), { units: 1500n, scale: 0 });
    assert.deepEqual(parseDecimal('15E-3'), { units: 15n, scale: 3 });
    assert.equal(formatDecimal({ units: 5n, scale: 3 }), '0.005');
    assert.equal(formatDecimal({ units: -5n, scale: 3 }), '-0.005');
    assert.equal(normalizeDecimalText('1E+3'), '1000');
    assert.equal(normalizeDecimalText('-0.00'), '0.00');
    for (const bad of ['', '1.', '.5', '+1', '1e', 'abc', '1,5', '1e99999']) assert.equal(parseDecimal(bad), undefined, bad);
  });

  it('compares numerically across scales, non-numbers after every number', () => {
    assert.equal(compareDecimals('2000.46', '999.54'), 1);
    assert.equal(compareDecimals('1.000', '1'), 0);
    assert.equal(compareDecimals('-3', '2'), -1);
    assert.equal(compareDecimals('', '0'), 1);
  });
});

describe('ID validation', () => {
  it('accepts positive 64-bit integers written with ASCII digits', () => {
    for (const id of ['1', '387538614', '9007199254740993', '9223372036854775807']) assert.equal(validateId('userId', id), id);
  });

  it('refuses everything else with a message naming the field and the problem', () => {
    const cases: [string, RegExp][] = [
      ['', /required/],
      [' 1', /whitespace/],
      ['1 ', /whitespace/],
      ['+1', /sign/],
      ['-1', /sign/],
      ['1.0', /decimal/],
      ['1e5', /exponent/],
      ['\u0661\u0662', /non-ASCII digit/],
      ['\uff11', /non-ASCII digit/],
      ['0', /positive/],
      ['00', /positive/],
      ['0123', /leading zeros/],
      ['9223372036854775808', /too large/],
      ['99999999999999999999', /too large/],
      ['12a', /"a"/],
      ['1\u0000', /control/],
    ];
    for (const [raw, reason] of cases) {
      const message = idValidationMessage('targetRuleId', raw);
      assert.ok(message, `refuses ${JSON.stringify(raw)}`);
      assert.match(message, /targetRuleId/);
      assert.match(message, reason, raw);
      assert.throws(
        () => validateId('periodId', raw),
        (error: unknown) => error instanceof CapillaryApiError && error.kind === 'invalid-input' && error.field === 'periodId' && /periodId/.test(error.message),
      );
    }
  });

  it('describes userId in plain words for input boxes', () => {
    assert.match(idValidationMessage('userId', 'abc') ?? '', /^userId \(the customer ID\) must contain only the digits 0-9/);
    assert.equal(idValidationMessage('userId', '42'), undefined);
  });
});

describe('event dates', () => {
  it('reads the server format and ISO 8601, with zones', () => {
    assert.equal(parseEventTime('2025-01-09 12:00:12.0'), Date.UTC(2025, 0, 9, 12, 0, 12));
    assert.equal(parseEventTime('2025-01-09 12:00:12.25'), Date.UTC(2025, 0, 9, 12, 0, 12, 250));
    assert.equal(parseEventTime('2025-01-09 12:00:12'), Date.UTC(2025, 0, 9, 12, 0, 12));
    assert.equal(parseEventTime('2025-01-09T12:00:12Z'), Date.UTC(2025, 0, 9, 12, 0, 12));
    assert.equal(parseEventTime('2025-01-09T12:00:12.123+05:30'), Date.UTC(2025, 0, 9, 6, 30, 12, 123));
    assert.equal(parseEventTime('2025-01-09T12:00:12-0100'), Date.UTC(2025, 0, 9, 13, 0, 12));
    for (const bad of ['', 'yesterday', '2025-13-01 00:00:00.0', '2025-01-09 12:61:00.0', '09/01/2025']) {
      assert.equal(parseEventTime(bad), undefined, bad);
    }
  });
});

describe('groupByPeriod', () => {
  it('groups in first-seen order with counts, exact sums, date range and processing lag', () => {
    const groups = groupByPeriod([
      testEvent({ eventLogId: '1', periodId: '11', targetValue: '1000', eventProcessedDate: '2025-01-09 12:00:05.0' }),
      testEvent({ eventLogId: '2', periodId: '10', targetValue: '1.000', eventName: 'GENERIC_EVENT', eventDisplayName: 'x' }),
      testEvent({ eventLogId: '3', periodId: '11', targetValue: '2000.46', eventDate: '2025-01-08 08:00:00.0', eventProcessedDate: '2025-01-08 09:00:00.0' }),
      testEvent({ eventLogId: '4', periodId: '11', targetValue: '999.54', eventDate: '2025-01-10 00:00:00.0', eventProcessedDate: '' }),
    ]);
    assert.deepEqual(groups.map((group) => group.periodId), ['11', '10']);
    const [first, second] = groups;
    assert.equal(first.count, 3);
    assert.equal(first.totalTargetValue, '4000.00');
    assert.equal(first.firstEventDate, '2025-01-08 08:00:00.0', 'earliest, though it came second');
    assert.equal(first.lastEventDate, '2025-01-10 00:00:00.0');
    assert.equal(first.maxProcessingLagSeconds, 3600);
    assert.deepEqual(first.countsByEventName, { ADD_TRANSACTION: 3 });
    assert.deepEqual(first.events.map((e) => e.eventLogId), ['1', '3', '4']);
    assert.equal(second.totalTargetValue, '1.000');
    assert.deepEqual(second.countsByEventName, { GENERIC_EVENT: 1 });
    assert.equal(second.maxProcessingLagSeconds, 0);
  });

  it('prefers the ISO dates for the lag, and reports null when no date can be read', () => {
    const [iso] = groupByPeriod([
      testEvent({ eventDateISO: '2025-01-09T12:00:00+05:30', eventProcessedDateISO: '2025-01-09T06:31:00Z' }),
    ]);
    assert.equal(iso.maxProcessingLagSeconds, 60);
    const [unreadable] = groupByPeriod([testEvent({ eventDate: 'soon', eventProcessedDate: 'later' })]);
    assert.equal(unreadable.maxProcessingLagSeconds, null);
    assert.equal(unreadable.firstEventDate, 'soon');
  });

  it('keeps odd event names as plain keys', () => {
    const [group] = groupByPeriod([testEvent({ eventName: '__proto__' }), testEvent({ eventName: 'constructor' }), testEvent({ eventName: '__proto__' })]);
    assert.equal(group.countsByEventName.__proto__, 2);
    assert.equal(group.countsByEventName.constructor, 1);
    assert.equal(Object.getPrototypeOf(group.countsByEventName), Object.prototype);
  });

  it('groups events added a page at a time exactly as all at once', () => {
    const event = fc
      .record({
        periodId: fc.constantFrom('880001', '880002', '880003'),
        eventName: fc.constantFrom('ADD_TRANSACTION', 'RETURN_BILL', '__proto__'),
        targetValue: fc.constantFrom('10.5', '-3', '0.001', '99999999999999.99', ''),
        day: fc.integer({ min: 1, max: 28 }),
      })
      .map(({ periodId, eventName, targetValue, day }) => ({ periodId, eventName, targetValue, eventDate: `2024-02-${String(day).padStart(2, '0')} 10:00:00` }));
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), fc.array(fc.nat({ max: 60 }), { maxLength: 8 }), (fields, cuts) => {
        const events = fields.map((overrides, index) => testEvent({ ...overrides, eventLogId: String(index + 1) }));
        const grouper = new PeriodGrouper();
        let from = 0;
        for (const cut of [...cuts].sort((a, b) => a - b).concat(events.length)) {
          grouper.add(events.slice(from, Math.max(from, cut)));
          from = Math.max(from, cut);
        }
        assert.deepEqual(grouper.groups, groupByPeriod(events));
      }),
    );
  });

  it('handles thousands of periods and big sums', () => {
    const events = Array.from({ length: 30_000 }, (_, i) =>
      testEvent({ eventLogId: String(i), periodId: String(i % 3000), targetValue: i % 2 ? '99999999999999.99' : '0.01' }),
    );
    const groups = groupByPeriod(events);
    assert.equal(groups.length, 3000);
    assert.equal(groups[1].totalTargetValue, '999999999999999.90');
    assert.equal(groups[0].totalTargetValue, '0.10');
  });
});
