import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupByPeriod } from '../../src/api/grouping';
import type { TrackedTargetEvent } from '../../src/api/types';
import { eventDetails, eventTitle, periodLabel } from '../../src/labels';

function event(overrides: Partial<TrackedTargetEvent>): TrackedTargetEvent {
  return {
    eventLogId: '606066681',
    eventName: 'ADD_TRANSACTION',
    customerId: '564332013',
    eventDisplayName: null,
    uniqueId: '880613909',
    eventDate: '2025-01-09 12:00:12.0',
    eventProcessedDate: '2025-01-09 12:00:12.0',
    periodId: '9887',
    targetGroupId: '1717',
    targetRuleId: '1986',
    targetValue: '1000',
    ...overrides,
  };
}

test('a period label gives the count and the exact sum (the doc example: 5 events, Σ 9000.92)', () => {
  const values = ['1000', '2000', '2000', '2000.46', '2000.46'];
  const [group] = groupByPeriod(values.map((targetValue, i) => event({ eventLogId: String(606066681 + i), targetValue })));
  assert.equal(periodLabel(group), 'Period 9887 — 5 events · Σ 9000.92');
});

test('a single event is not pluralised', () => {
  const [group] = groupByPeriod([event({ targetValue: '1.000' })]);
  assert.equal(periodLabel(group), 'Period 9887 — 1 event · Σ 1.000');
});

test('behavioural events are titled by display name, transactional ones by event name', () => {
  assert.equal(eventTitle(event({ eventName: 'GENERIC_EVENT', eventDisplayName: 'testBehavioural' })), 'testBehavioural');
  assert.equal(eventTitle(event({})), 'ADD_TRANSACTION');
});

test('event details list every field, IDs past 2^53 with every digit, null as a dash', () => {
  const details = eventDetails(event({ eventLogId: '9007199254740993123' }));
  assert.match(details, /^eventLogId: 9007199254740993123$/m);
  assert.match(details, /^eventDisplayName: —$/m);
  assert.equal(details.split('\n').length, 11);
});
