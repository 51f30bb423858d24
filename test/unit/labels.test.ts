import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupByPeriod } from '../../src/shared/grouping';
import { eventFieldLines } from '../../src/shared/display';
import { eventItemText, periodLabel } from '../../src/tree/labels';
import { testEvent } from './api-support';

test('a period label gives the count and the exact sum as the table writes it (the doc example: 5 events, Σ 9,000.92)', () => {
  const values = ['1000', '2000', '2000', '2000.46', '2000.46'];
  const [group] = groupByPeriod(values.map((targetValue, i) => testEvent({ eventLogId: String(606066681 + i), periodId: '9887', targetValue })));
  assert.equal(periodLabel(group), 'Period 9887 — 5 events · Σ 9,000.92');
});

test('a single event is not pluralised', () => {
  const [group] = groupByPeriod([testEvent({ periodId: '9887', targetValue: '1.000' })]);
  assert.equal(periodLabel(group), 'Period 9887 — 1 event · Σ 1.000');
});

test('behavioural events are titled by display name with a pulse icon, transactional ones by event name', () => {
  const behavioural = eventItemText(testEvent({ eventName: 'GENERIC_EVENT', eventDisplayName: 'testBehavioural' }));
  assert.equal(behavioural.label, 'testBehavioural');
  assert.equal(behavioural.icon, 'pulse');
  const transactional = eventItemText(testEvent({ targetValue: '2000.46' }));
  assert.equal(transactional.label, 'ADD_TRANSACTION');
  assert.equal(transactional.icon, 'credit-card');
  assert.equal(transactional.description, '2,000.46 · 2025-01-09 12:00:00');
  assert.equal(transactional.tooltip, eventFieldLines(testEvent({ targetValue: '2000.46' })));
});

test('event details list every field as sent, IDs past 2^53 with every digit, null as a dash', () => {
  const details = eventFieldLines(testEvent({ eventLogId: '9007199254740993123' }));
  assert.match(details, /^eventLogId: 9007199254740993123$/m);
  assert.match(details, /^eventDisplayName: —$/m);
  assert.equal(details.split('\n').length, 11);
});
