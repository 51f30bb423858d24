import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LookupResult, TrackedTargetEvent } from '../../src/capillary';
import { groupByPeriod } from '../../src/shared/grouping';
import { newEventsNotice } from '../../src/tree/labels';
import { HISTORY_LENGTH, LookupStore } from '../../src/lookup/lookupState';
import { diffResults, isEmptyDiff } from '../../src/lookup/resultDiff';
import { testEvent } from './api-support';

function result(events: TrackedTargetEvent[]): LookupResult {
  return { events, groups: groupByPeriod(events), pagesFetched: 1, warnings: [], rawPages: [] };
}

const a = testEvent({ eventLogId: '101', periodId: '9889', targetValue: '1000' });
const b = testEvent({ eventLogId: '102', periodId: '9889', targetValue: '1000' });
const c = testEvent({ eventLogId: '103', periodId: '9889', targetValue: '999.99' });

test('events are matched by eventLogId: added, removed and changed with the fields that changed', () => {
  const older = result([a, b]);
  const newer = result([{ ...a, targetValue: '1000.00', eventProcessedDate: '2025-01-10 00:00:00.0' }, c]);
  const diff = diffResults(older, newer);
  assert.deepEqual(diff.added.map((e) => e.eventLogId), ['103']);
  assert.deepEqual(diff.removed.map((e) => e.eventLogId), ['102']);
  assert.deepEqual(diff.changed.map((change) => [change.after.eventLogId, change.fields]), [['101', ['eventProcessedDate', 'targetValue']]]);
  assert.equal(diff.changed[0].before, a);
  assert.equal(isEmptyDiff(diff), false);
});

test('the same events in other objects and another order are no change', () => {
  const diff = diffResults(result([a, b]), result([{ ...b }, { ...a }]));
  assert.ok(isEmptyDiff(diff));
});

test('the notice names the count, the user and each period\'s sum before and after, digits grouped', () => {
  const before = result([a, b]);
  const after = result([a, b, c]);
  const { added } = diffResults(before, after);
  assert.equal(newEventsNotice('564332013', added, before.groups, after.groups), '1 new event tracked for user 564332013 — period 9889: Σ 2,000 → 2,999.99');
  const more = [c, testEvent({ eventLogId: '104', periodId: '9890', targetValue: '5' })];
  assert.equal(
    newEventsNotice('564332013', more, before.groups, result([a, b, ...more]).groups),
    '2 new events tracked for user 564332013 — period 9889: Σ 2,000 → 2,999.99; period 9890: Σ 0 → 5',
  );
});

test('a lookup keeps its last complete results that differ, and the latest change until another one', () => {
  const store = new LookupStore(() => undefined);
  const key = 'k';
  let clock = 0;
  const fetch = (events: TrackedTargetEvent[]) => {
    const ticket = store.begin(key);
    const fetched = result(events);
    store.complete(ticket, fetched, new Date(++clock));
    return fetched;
  };
  const first = fetch([a]);
  assert.deepEqual(store.state(key).history?.map((h) => h.result), [first]);
  assert.equal(store.state(key).changes, undefined);
  const second = fetch([a, b]);
  assert.deepEqual(store.state(key).changes?.diff.added.map((e) => e.eventLogId), ['102']);
  assert.equal(store.state(key).changes?.since.result, first);
  const same = fetch([a, b]);
  assert.deepEqual(store.state(key).history?.map((h) => h.result), [first, same], 'an unchanged fetch takes its predecessor\'s place');
  assert.deepEqual(store.state(key).changes?.diff.added.map((e) => e.eventLogId), ['102'], 'the change stays');
  assert.notEqual(second, same);
  const failed = store.begin(key);
  store.fail(failed, new Error('down'), new Date(++clock));
  assert.equal(store.state(key).history?.length, 2, 'a failure keeps the history');
  for (let i = 0; i < HISTORY_LENGTH + 2; i++) fetch([a, testEvent({ eventLogId: String(200 + i) })]);
  const history = store.state(key).history ?? [];
  assert.equal(history.length, HISTORY_LENGTH);
  assert.equal(history.at(-1), store.state(key).lastComplete);
});
