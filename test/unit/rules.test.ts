// The shared domain rules (src/shared/rules), one describe per rule. The property tests are in
// rules-property.test.ts; that the tree and the table label events alike is in rules-labels.test.ts. How values
// are shown (labels, lags, moments) is the display module's: display.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeApiCode, knownCodeText } from '../../src/capillary/transport/errors';
import {
  AUTHORIZATION_UNAVAILABLE_CODE,
  BEHAVIOURAL_EVENT_NAME,
  compareDecimals,
  INVALID_OAUTH_CLIENT_CODE,
  INVALID_USER_ID_CODE,
  isBehavioural,
  isDecimalText,
  isHighLag,
  isLongId,
  DEFAULT_LAG_WARNING_SECONDS,
  MAX_LONG_ID,
  NO_EVENTS_CODE,
  NOT_AUTHORIZED_CODE,
  parseEventTime,
  PERIOD_NOT_FOUND_CODE,
  processingLagSeconds,
  TARGET_RULE_NOT_FOUND_CODE,
} from '../../src/shared/rules';

describe('rule: reading event dates', () => {
  it('reads the server form (any fraction length) and ISO 8601, a date without zone as UTC', () => {
    assert.equal(parseEventTime('2025-01-09 12:00:12.0'), Date.UTC(2025, 0, 9, 12, 0, 12));
    assert.equal(parseEventTime('2025-01-09 12:00:12.25'), Date.UTC(2025, 0, 9, 12, 0, 12, 250));
    assert.equal(parseEventTime('2025-01-09 12:00:12.123456789'), Date.UTC(2025, 0, 9, 12, 0, 12, 123));
    assert.equal(parseEventTime('2025-01-09 12:00:12'), Date.UTC(2025, 0, 9, 12, 0, 12));
    assert.equal(parseEventTime('2025-01-09T12:00:12'), Date.UTC(2025, 0, 9, 12, 0, 12), 'ISO without zone: UTC too');
    assert.equal(parseEventTime('2025-01-09T12:00:12Z'), Date.UTC(2025, 0, 9, 12, 0, 12));
    assert.equal(parseEventTime('2025-01-09T12:00:12.5+05:30'), Date.UTC(2025, 0, 9, 6, 30, 12, 500));
    assert.equal(parseEventTime('0099-03-01 00:00:00.0'), Date.parse('0099-03-01T00:00:00Z'), 'a two-digit year is not moved to the 1900s');
  });

  it('reads nothing it cannot, rather than guessing', () => {
    for (const bad of [undefined, null, '', 'soon', '2025-13-01 00:00:00.0', '2025-01-09 25:00:00.0', '2025-01-09 12:00:12.', '09/01/2025']) {
      assert.equal(parseEventTime(bad), undefined, String(bad));
    }
  });
});

describe('rule: processing lag', () => {
  const at = (eventDate: string, eventProcessedDate: string) => ({ eventDate, eventProcessedDate });

  it('is processed minus event date in seconds, to the millisecond, negative when processed "before"', () => {
    assert.equal(processingLagSeconds(at('2025-01-09 12:00:00.0', '2025-01-09 13:00:00.0')), 3600);
    assert.equal(processingLagSeconds(at('2025-01-09 12:00:00.0', '2025-01-09 12:00:01.5')), 1.5);
    assert.equal(processingLagSeconds(at('2025-01-09 12:00:00.0', '2025-01-09 11:59:00.0')), -60);
  });

  it('uses the ISO pair only when both are sent (they carry zones), else the server dates', () => {
    const dates = at('2025-01-09 12:00:00.0', '2025-01-09 12:00:10.0');
    assert.equal(processingLagSeconds({ ...dates, eventDateISO: '2025-01-09T12:00:00+05:30', eventProcessedDateISO: '2025-01-09T06:31:00Z' }), 60);
    assert.equal(processingLagSeconds({ ...dates, eventDateISO: '2025-01-09T12:00:00+05:30' }), 10);
    assert.equal(processingLagSeconds({ ...dates, eventDateISO: '', eventProcessedDateISO: '' }), 10, 'empty ISO fields are absent');
  });

  it('is undefined when a date cannot be read', () => {
    assert.equal(processingLagSeconds(at('2025-01-09 12:00:00.0', '')), undefined);
    assert.equal(processingLagSeconds(at('soon', '2025-01-09 12:00:00.0')), undefined);
  });

  it('accepts eventDate already parsed', () => {
    assert.equal(processingLagSeconds(at('ignored', '2025-01-09 12:00:30.0'), Date.UTC(2025, 0, 9, 12, 0, 0)), 30);
  });

  it('is high past the threshold (an hour by default), either way', () => {
    assert.equal(DEFAULT_LAG_WARNING_SECONDS, 3600);
    assert.equal(isHighLag(3600, DEFAULT_LAG_WARNING_SECONDS), false);
    assert.equal(isHighLag(3601, DEFAULT_LAG_WARNING_SECONDS), true);
    assert.equal(isHighLag(-3601, DEFAULT_LAG_WARNING_SECONDS), true);
    assert.equal(isHighLag(601, 600), true);
    assert.equal(isHighLag(86400, 2 * 86400), false);
    assert.equal(isHighLag(null, 0), false);
    assert.equal(isHighLag(undefined, 0), false);
  });
});

describe('rule: decimal ordering', () => {
  it('orders by exact value, whatever the scale or exponent', () => {
    assert.equal(compareDecimals('2000.46', '999.54'), 1);
    assert.equal(compareDecimals('1.000', '1'), 0);
    assert.equal(compareDecimals('1.5e3', '1500.00'), 0);
    assert.equal(compareDecimals('-0', '0.000'), 0);
    assert.equal(compareDecimals('9007199254740993', '9007199254740992'), 1, 'past 2^53, where floats merge them');
    assert.equal(compareDecimals('0.30000000000000001', '0.3'), 1);
    assert.equal(compareDecimals('-3', '2'), -1);
  });

  it('puts non-numbers after every number, among themselves by text', () => {
    assert.equal(compareDecimals('', '-1e1000'), 1);
    assert.equal(compareDecimals('1e1000', 'n/a'), -1);
    assert.equal(compareDecimals('abc', 'abd'), -1);
    assert.equal(compareDecimals('+1', '+1'), 0);
    const sorted = ['n/a', '10', '', '9.99', '-1', '1.0', '+1', '1'].sort(compareDecimals);
    assert.deepEqual(sorted, ['-1', '1.0', '1', '9.99', '10', '', '+1', 'n/a']);
  });

  it('knows a decimal as the sum reads one (JSON number grammar, leading zeros tolerated)', () => {
    for (const good of ['0', '-0', '007', '1.000', '-2000.46', '1.5e3', '15E-3', '1e+1000']) assert.equal(isDecimalText(good), true, good);
    for (const bad of ['', ' 1', '1 ', '+1', '.5', '1.', '1e', '1,5', '0x10', 'Infinity', 'NaN', '1e1001']) assert.equal(isDecimalText(bad), false, bad);
  });
});

describe('rule: behavioural events', () => {
  it('a GENERIC_EVENT is behavioural, anything else transactional', () => {
    assert.equal(BEHAVIOURAL_EVENT_NAME, 'GENERIC_EVENT');
    assert.equal(isBehavioural({ eventName: 'GENERIC_EVENT' }), true);
    for (const name of ['ADD_TRANSACTION', 'RETURN_BILL', 'ENROL', 'UNENROL', 'generic_event', '']) {
      assert.equal(isBehavioural({ eventName: name }), false, name);
    }
  });

});

describe('rule: Capillary IDs', () => {
  it('accepts ASCII digits from 1 to the signed 64-bit maximum, one spelling each', () => {
    assert.equal(MAX_LONG_ID, (2n ** 63n - 1n).toString());
    for (const id of ['1', '387538614', '9007199254740993', MAX_LONG_ID, '999999999999999999']) assert.equal(isLongId(id), true, id);
  });

  it('refuses everything else', () => {
    const refused: unknown[] = ['', '0', '00', '0123', '9223372036854775808', '10000000000000000000', '-1', '+1', ' 1', '1 ', '1.0', '1e3', '١', '１', 1, null, undefined];
    for (const value of refused) assert.equal(isLongId(value), false, JSON.stringify(value));
  });
});

describe('rule: Capillary error codes', () => {
  it('names the codes the extension treats on their own', () => {
    assert.deepEqual(
      [NO_EVENTS_CODE, PERIOD_NOT_FOUND_CODE, TARGET_RULE_NOT_FOUND_CODE, INVALID_USER_ID_CODE, INVALID_OAUTH_CLIENT_CODE, NOT_AUTHORIZED_CODE, AUTHORIZATION_UNAVAILABLE_CODE],
      [310149, 310019, 310018, 310011, 320001, 4000, 4001],
    );
  });

  it('each has the client\u2019s own message, which quotes the code', () => {
    for (const code of [NO_EVENTS_CODE, PERIOD_NOT_FOUND_CODE, TARGET_RULE_NOT_FOUND_CODE, INVALID_USER_ID_CODE, INVALID_OAUTH_CLIENT_CODE, NOT_AUTHORIZED_CODE, AUTHORIZATION_UNAVAILABLE_CODE]) {
      const text = knownCodeText(code);
      assert.ok(text, String(code));
      assert.ok(text.message.includes(`Capillary error ${code}`), text.message);
      assert.deepEqual(describeApiCode(code, 'server text'), text);
    }
    assert.equal(knownCodeText(NO_EVENTS_CODE)?.message, 'No events recorded for this customer and target (Capillary error 310149).');
  });
});
