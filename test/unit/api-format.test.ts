// CSV, TSV and JSON output: exact numbers, safe cells.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseJson, isJsonObject, type JsonNumber, type LookupResult, type TrackedTargetEvent } from '../../src/capillary';
import { eventsToCsv, lookupToJson } from '../../src/export/format';
import { groupByPeriod } from '../../src/shared/grouping';
import { eventsToTsv } from '../../src/shared/exportFormat';

const big: TrackedTargetEvent = {
  eventLogId: '9223372036854775807',
  eventName: 'ADD_TRANSACTION',
  customerId: '9007199254740993',
  eventDisplayName: null,
  uniqueId: '880613909',
  eventDate: '2025-01-09 12:00:12.0',
  eventProcessedDate: '2025-01-09 12:00:12.0',
  periodId: '9007199254740999',
  targetGroupId: '1717',
  targetRuleId: '1986',
  targetValue: '1.000',
};

const hostile: TrackedTargetEvent = {
  ...big,
  eventLogId: '5',
  eventName: '=HYPERLINK("http://evil","x")',
  eventDisplayName: 'a,"quoted"\r\nline',
  uniqueId: '@SUM(A1)',
  eventDate: '+1',
  eventProcessedDate: '-2+3',
  targetValue: '-250.50',
};

describe('eventsToCsv', () => {
  it('writes a header and exact values with CRLF line ends', () => {
    assert.equal(
      eventsToCsv([big]),
      'eventLogId,eventName,eventDisplayName,customerId,uniqueId,eventDate,eventProcessedDate,periodId,targetGroupId,targetRuleId,targetValue\r\n' +
        '9223372036854775807,ADD_TRANSACTION,,9007199254740993,880613909,2025-01-09 12:00:12.0,2025-01-09 12:00:12.0,9007199254740999,1717,1986,1.000\r\n',
    );
  });

  it('quotes per RFC 4180 and defuses formulas in text but not in numbers', () => {
    const row = eventsToCsv([hostile]).split('\r\n').slice(1).join('\r\n');
    assert.equal(
      row,
      `5,"'=HYPERLINK(""http://evil"",""x"")","a,""quoted""\r\nline",9007199254740993,'@SUM(A1),'+1,'-2+3,9007199254740999,1717,1986,-250.50\r\n`,
    );
  });

  it('adds the ISO date columns only when present', () => {
    const header = eventsToCsv([{ ...big, eventDateISO: '2025-01-09T12:00:12Z' }]).split('\r\n')[0];
    assert.ok(header.endsWith(',targetValue,eventDateISO,eventProcessedDateISO'));
  });
});

describe('eventsToTsv', () => {
  it('defuses formulas as the CSV does, and keeps each value in its cell and row', () => {
    const row = eventsToTsv([{ ...hostile, eventDisplayName: 'a\tb\r\nc' }]).split('\n')[1];
    assert.equal(row, "5\t'=HYPERLINK(\"http://evil\",\"x\")\ta b c\t9007199254740993\t'@SUM(A1)\t'+1\t'-2+3\t9007199254740999\t1717\t1986\t-250.50");
  });
});

describe('lookupToJson', () => {
  it('writes IDs and values as raw JSON numbers with every digit', () => {
    const result: LookupResult = { events: [big], groups: groupByPeriod([big]), pagesFetched: 1, total: 1, warnings: ['note'], rawPages: [] };
    const text = lookupToJson(result);
    assert.match(text, /"eventLogId": 9223372036854775807,/);
    assert.match(text, /"targetValue": 1\.000\n/);
    assert.match(text, /"totalTargetValue": 1\.000,/);
    const parsed = parseJson(text);
    assert.ok(isJsonObject(parsed));
    const events = parsed.events as unknown[];
    assert.ok(isJsonObject(events[0] as never));
    assert.equal(((events[0] as Record<string, unknown>).customerId as JsonNumber).text, '9007199254740993');
    assert.equal(((parsed.groups as Record<string, unknown>[])[0].events), undefined, 'groups do not repeat events');
    const plain = JSON.parse(text);
    assert.equal(plain.eventCount, 1);
    assert.deepEqual(plain.warnings, ['note']);
    assert.equal(plain.events[0].eventDisplayName, null);
  });

  it('writes a list of events, keeping non-numeric text as strings and missing values as null', () => {
    const text = lookupToJson([hostile, { ...big, targetValue: '', customerId: 'abc' }]);
    const plain = JSON.parse(text);
    assert.equal(plain.length, 2);
    assert.equal(plain[0].eventName, hostile.eventName);
    assert.equal(plain[0].eventDisplayName, hostile.eventDisplayName);
    assert.equal(plain[1].targetValue, null);
    assert.equal(plain[1].customerId, 'abc');
    assert.equal(lookupToJson([]), '[]\n');
  });
});
