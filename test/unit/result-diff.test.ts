import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LookupResult, TrackedTargetEvent } from '../../src/capillary';
import { groupByPeriod } from '../../src/shared/grouping';
import { newEventsNotice } from '../../src/tree/labels';
import { changesBetween, HISTORY_MILLIS, LookupStore } from '../../src/lookup/lookupState';
import { composeDiffs, diffResults, isEmptyDiff, type ResultDiff } from '../../src/lookup/resultDiff';
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

test('a lookup keeps what changed at each fetch of the last hour, and the changes until the table showing them was seen', () => {
  const store = new LookupStore(() => undefined);
  const key = 'k';
  let clock = 0;
  const fetch = (events: TrackedTargetEvent[], at = ++clock) => {
    const ticket = store.begin(key);
    const fetched = result(events);
    store.complete(ticket, fetched, new Date(at));
    return fetched;
  };
  const ids = (events: readonly TrackedTargetEvent[] | undefined) => events?.map((e) => e.eventLogId);
  fetch([a]);
  assert.deepEqual(store.state(key).history, [{ fetchedAt: new Date(1), eventCount: 1 }]);
  assert.equal(store.state(key).changes, undefined);
  fetch([a, b]);
  assert.deepEqual(ids(store.state(key).changes?.diff.added), ['102']);
  assert.deepEqual(store.state(key).changes?.since, new Date(1));
  fetch([a, b]);
  assert.deepEqual(store.state(key).history?.map((h) => [h.fetchedAt.getTime(), h.eventCount]), [[1, 1], [3, 2]], 'an unchanged fetch takes its predecessor\'s place');
  assert.deepEqual(ids(store.state(key).changes?.diff.added), ['102'], 'the change stays');
  fetch([a, b, c]);
  assert.deepEqual(ids(store.state(key).changes?.diff.added), ['102', '103'], 'unseen changes add up');
  assert.deepEqual(store.state(key).changes?.since, new Date(1));
  store.markChangesSeen(key);
  fetch([a, b, c]);
  assert.deepEqual(ids(store.state(key).changes?.diff.added), ['102', '103'], 'seen, and nothing changed since: still marked');
  fetch([a, c]);
  assert.deepEqual(ids(store.state(key).changes?.diff.added), [], 'seen: the next change replaces them');
  assert.deepEqual(ids(store.state(key).changes?.diff.removed), ['102']);
  const failed = store.begin(key);
  store.fail(failed, new Error('down'), new Date(++clock));
  assert.equal(store.state(key).history?.length, 4, 'a failure keeps the history');
  const history = store.state(key).history ?? [];
  assert.ok(history.slice(1).every((entry) => entry.delta && !('events' in entry)), 'each kept fetch holds its change, not its events');
  assert.deepEqual(ids(changesBetween(history, 0, 3).added), ['103']);
  assert.deepEqual(ids(changesBetween(history, 1, 3).removed), ['102']);
  fetch([a], HISTORY_MILLIS + 6);
  assert.deepEqual(store.state(key).history?.map((h) => h.fetchedAt.getTime()), [6, HISTORY_MILLIS + 6], 'fetches older than an hour are gone');
  assert.equal(store.state(key).history?.[0].delta, undefined);
  fetch([a, b], 3 * HISTORY_MILLIS);
  assert.deepEqual(store.state(key).history?.map((h) => h.fetchedAt.getTime()), [HISTORY_MILLIS + 6, 3 * HISTORY_MILLIS], 'the last two stay, however old');
});

test('composing the changes of two fetches gives the change over both, as diffing the first and the last does', () => {
  const variants = (event: TrackedTargetEvent) => [event, { ...event, targetValue: `${event.targetValue}.5` }, { ...event, eventProcessedDate: '2025-02-01 00:00:00.0' }];
  const pool = [a, b, c, testEvent({ eventLogId: '104' }), testEvent({ eventLogId: '105' })];
  let seed = 7;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const list = () => pool.filter(() => random() < 0.6).map((event) => variants(event)[Math.floor(random() * 3)]);
  const normal = (diff: ResultDiff) => ({
    added: diff.added.map((e) => JSON.stringify(e)).sort(),
    removed: diff.removed.map((e) => JSON.stringify(e)).sort(),
    changed: diff.changed.map((change) => JSON.stringify([change.before, change.after, change.fields])).sort(),
  });
  for (let run = 0; run < 300; run++) {
    const [first, second, third] = [result(list()), result(list()), result(list())];
    assert.deepEqual(normal(composeDiffs(diffResults(first, second), diffResults(second, third))), normal(diffResults(first, third)));
  }
});
