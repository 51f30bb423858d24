// The display module (src/shared/display): every value a user reads, written one way. Tables of inputs and the
// exact text expected, so that a change of format shows here first.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  capillaryCodeName,
  capillaryCodeText,
  eventFieldLines,
  eventFields,
  eventLabel,
  fetchProgressText,
  formatApiDate,
  formatCount,
  formatDateSpan,
  formatDecimalText,
  formatFigure,
  formatLag,
  formatLocalDateTime,
  httpStatusText,
  MINUS_SIGN,
  NO_VALUE,
  otherCapillaryCodeText,
  plural,
} from '../../src/shared/display';
import { EVENT_FIELDS, type FetchProgress } from '../../src/shared/domain';
import { NO_EVENTS_CODE, sumDecimals } from '../../src/shared/rules';
import { testEvent } from './api-support';

describe('display: decimals', () => {
  const cases: Array<[input: string, shown: string]> = [
    ['0', '0'],
    ['999', '999'],
    ['1000', '1,000'],
    ['9000.92', '9,000.92'],
    ['1.000', '1.000'],
    ['1000.460', '1,000.460'],
    ['-1000', '\u22121,000'],
    ['-0.50', '\u22120.50'],
    ['-1234567.891', '\u22121,234,567.891'],
    ['12345678901234567890.123456789', '12,345,678,901,234,567,890.123456789'],
    ['-9007199254740993', '\u22129,007,199,254,740,993'],
    ['1.5e3', '1,500'],
    ['2.50E-1', '0.250'],
    ['007', '7'],
    ['', ''],
    ['abc', 'abc'],
    ['1,000', '1,000'],
  ];
  for (const [input, shown] of cases) {
    it(`${JSON.stringify(input)} reads ${JSON.stringify(shown)}`, () => assert.equal(formatDecimalText(input), shown));
  }

  it('uses U+2212 for a minus, never a hyphen-minus', () => {
    assert.equal(MINUS_SIGN, '\u2212');
    assert.ok(!formatDecimalText('-5').includes('-'));
  });

  it('a computed sum keeps the larger scale of its operands and every digit past 2^53', () => {
    assert.equal(formatDecimalText(sumDecimals(['1000', '2000.46', '999.540'])), '4,000.000');
    assert.equal(formatDecimalText(sumDecimals(['9007199254740993', '1'])), '9,007,199,254,740,994');
    assert.equal(formatDecimalText(sumDecimals(['-0.5', '0.25'])), '\u22120.25');
  });

  it('a missing figure is the dash', () => {
    assert.equal(formatFigure(undefined), NO_VALUE);
    assert.equal(formatFigure('5000'), '5,000');
  });
});

describe('display: counts and plurals', () => {
  const counts: Array<[number, string]> = [
    [0, '0'],
    [1, '1'],
    [999, '999'],
    [1000, '1,000'],
    [2900, '2,900'],
    [1234567, '1,234,567'],
    [-3, '\u22123'],
  ];
  for (const [count, shown] of counts) it(`${count} reads ${shown}`, () => assert.equal(formatCount(count), shown));

  const plurals: Array<[number, string, string | undefined, string]> = [
    [0, 'event', undefined, '0 events'],
    [1, 'event', undefined, '1 event'],
    [2, 'event', undefined, '2 events'],
    [1, 'period', undefined, '1 period'],
    [2, 'period', undefined, '2 periods'],
    [2900, 'event', undefined, '2,900 events'],
    [1, 'event repeats', 'events repeat', '1 event repeats'],
    [2, 'event repeats', 'events repeat', '2 events repeat'],
  ];
  for (const [count, one, many, shown] of plurals) {
    it(`${count} ${one} reads ${shown}`, () => assert.equal(plural(count, one, many), shown));
  }
});

describe('display: IDs are never formatted', () => {
  it('a field listing shows every ID exactly as sent, however long', () => {
    const event = testEvent({ eventLogId: '9223372036854775807', customerId: '9007199254740993', periodId: '10000', targetValue: '2000.46' });
    const lines = eventFieldLines(event).split('\n');
    assert.ok(lines.includes('eventLogId: 9223372036854775807'));
    assert.ok(lines.includes('customerId: 9007199254740993'));
    assert.ok(lines.includes('periodId: 10000'));
    assert.ok(lines.includes('targetValue: 2000.46'), 'a listing of the fields is what was sent, for copying');
  });
});

describe('display: dates and times', () => {
  const pad = (n: number) => String(n).padStart(2, '0');
  const local = (date: Date) =>
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;

  it('a moment is YYYY-MM-DD HH:MM:SS in local time, from a Date or an ISO string alike', () => {
    const date = new Date(2026, 10, 28, 4, 3, 9, 999);
    assert.equal(formatLocalDateTime(date), '2026-11-28 04:03:09');
    assert.equal(formatLocalDateTime(date.toISOString()), '2026-11-28 04:03:09');
    const utc = '2026-11-28T04:30:00.000Z';
    assert.equal(formatLocalDateTime(utc), local(new Date(utc)));
  });

  it('text that is not a moment is returned as it is', () => {
    assert.equal(formatLocalDateTime('not a date'), 'not a date');
    assert.equal(formatLocalDateTime(new Date(Number.NaN)), 'Invalid Date');
  });

  const serverDates: Array<[string, string]> = [
    ['2025-01-09 12:00:12.0', '2025-01-09 12:00:12'],
    ['2025-01-09 12:00:12.000', '2025-01-09 12:00:12'],
    ['2025-01-09 12:00:12.5', '2025-01-09 12:00:12.5'],
    ['2025-01-09T12:00:12+05:30', '2025-01-09T12:00:12+05:30'],
    ['', ''],
  ];
  for (const [sent, shown] of serverDates) it(`server date ${JSON.stringify(sent)} reads ${JSON.stringify(shown)}`, () => assert.equal(formatApiDate(sent), shown));

  const spans: Array<[string, string, string]> = [
    ['2025-01-09 12:00:00.0', '2025-01-09 18:30:00.0', '2025-01-09 12:00:00 – 18:30:00'],
    ['2025-01-09 12:00:00.0', '2025-02-01 08:00:00.0', '2025-01-09 12:00:00 – 2025-02-01 08:00:00'],
    ['2025-01-09 12:00:00.0', '2025-01-09 12:00:00.0', '2025-01-09 12:00:00'],
    ['', '', ''],
  ];
  for (const [first, last, shown] of spans) it(`span ${first} … ${last} reads ${shown}`, () => assert.equal(formatDateSpan(first, last), shown));

  const lags: Array<[number | null | undefined, string]> = [
    [7 * 86400 + 6 * 3600 + 59, '+7d 6h'],
    [185, '+3m 5s'],
    [-7200, '\u22122h'],
    [3601, '+1h'],
    [4.6, '+5s'],
    [0, ''],
    [-0.4, ''],
    [null, ''],
    [undefined, ''],
    [Number.NaN, ''],
  ];
  for (const [seconds, shown] of lags) it(`a lag of ${seconds} s reads ${JSON.stringify(shown)}`, () => assert.equal(formatLag(seconds), shown));
});

describe('display: events', () => {
  const labels: Array<[{ eventName: string; eventDisplayName?: string | null }, string]> = [
    [{ eventName: 'GENERIC_EVENT', eventDisplayName: 'AppLogin' }, 'AppLogin'],
    [{ eventName: 'GENERIC_EVENT', eventDisplayName: null }, 'GENERIC_EVENT'],
    [{ eventName: 'GENERIC_EVENT', eventDisplayName: '' }, 'GENERIC_EVENT'],
    [{ eventName: 'GENERIC_EVENT' }, 'GENERIC_EVENT'],
    [{ eventName: 'ADD_TRANSACTION', eventDisplayName: 'Purchase' }, 'ADD_TRANSACTION'],
    [{ eventName: 'RETURN_BILL', eventDisplayName: null }, 'RETURN_BILL'],
  ];
  for (const [event, label] of labels) it(`${JSON.stringify(event)} is labelled ${label}`, () => assert.equal(eventLabel(event), label));

  it('the fields are listed in EVENT_FIELDS\u2019 order, the ISO dates after them only when sent, null as the dash', () => {
    const plain = testEvent({});
    assert.deepEqual(eventFields(plain).map((field) => field.name), [...EVENT_FIELDS]);
    assert.equal(eventFields(plain).find((field) => field.name === 'eventDisplayName')?.value, NO_VALUE);
    const withIso = testEvent({ eventProcessedDateISO: '2025-01-09T12:00:00Z' });
    assert.deepEqual(eventFields(withIso).map((field) => field.name), [...EVENT_FIELDS, 'eventProcessedDateISO']);
  });
});

describe('display: the fetch-progress sentence', () => {
  const cases: Array<[FetchProgress, string]> = [
    [{ pagesFetched: 0, eventsFetched: 0 }, '0 pages loaded · 0 events'],
    [{ pagesFetched: 1, eventsFetched: 1 }, '1 page loaded · 1 event'],
    [{ pagesFetched: 3, pagesExpected: 60, eventsFetched: 2900 }, '3 of 60 pages loaded · 2,900 events'],
    [{ pagesFetched: 1, pagesExpected: 1, eventsFetched: 100 }, '1 of 1 page loaded · 100 events'],
    [{ pagesFetched: 1200, pagesExpected: 1500, eventsFetched: 120000 }, '1,200 of 1,500 pages loaded · 120,000 events'],
    [{ pagesFetched: 1, pagesExpected: 3, eventsFetched: 100, retrying: { attempt: 2, of: 3 } }, '1 of 3 pages loaded · 100 events · retrying 2 of 3 after a failure'],
  ];
  for (const [progress, shown] of cases) it(shown, () => assert.equal(fetchProgressText(progress), shown));
});

describe('display: what an error means', () => {
  it('a code is cited as "Capillary error N" in its message', () => {
    assert.equal(capillaryCodeName(NO_EVENTS_CODE), 'Capillary error 310149');
    assert.equal(capillaryCodeText(NO_EVENTS_CODE)?.message, 'No events recorded for this customer and target (Capillary error 310149).');
    assert.equal(capillaryCodeText(12345), undefined);
    assert.equal(capillaryCodeText(undefined), undefined);
  });

  it('a code without its own text quotes the server', () => {
    assert.equal(otherCapillaryCodeText(12345, 'Something odd').message, 'Capillary answered with an error (Capillary error 12345): Something odd');
    assert.equal(otherCapillaryCodeText(undefined, undefined).message, 'Capillary answered with an error');
  });

  const statuses: Array<[number, RegExp]> = [
    [400, /invalid \(HTTP 400\)/],
    [401, /refused the credentials \(HTTP 401\)/],
    [404, /Not Found \(HTTP 404\)/],
    [429, /rate limit .*\(HTTP 429\)/],
    [503, /server failed \(HTTP 503\) on every try/],
    [418, /^Capillary answered HTTP 418\.$/],
  ];
  for (const [status, message] of statuses) {
    it(`HTTP ${status} has a message and a hint`, () => {
      const text = httpStatusText(status);
      assert.match(text.message, message);
      assert.ok(text.hint.length > 0);
    });
  }
});
