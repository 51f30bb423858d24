// The sidebar tree (src/tree/labels.ts) and the table (webview/table/model.ts) name and classify events through the
// same shared rule, so they agree on every case, including the ones they once disagreed on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TrackedTargetEvent } from '../../src/capillary';
import { groupByPeriod } from '../../src/shared/grouping';
import { eventItemText } from '../../src/tree/labels';
import { isBehavioural } from '../../src/shared/rules';
import { eventLabel } from '../../src/shared/display';
import { TableModel } from '../../webview/table/model';
import { testEvent } from './api-support';

const cases: Array<{ event: Partial<TrackedTargetEvent>; label: string; behavioural: boolean }> = [
  { event: { eventName: 'GENERIC_EVENT', eventDisplayName: 'AppLogin' }, label: 'AppLogin', behavioural: true },
  { event: { eventName: 'GENERIC_EVENT', eventDisplayName: null }, label: 'GENERIC_EVENT', behavioural: true },
  { event: { eventName: 'GENERIC_EVENT', eventDisplayName: '' }, label: 'GENERIC_EVENT', behavioural: true },
  { event: { eventName: 'ADD_TRANSACTION', eventDisplayName: null }, label: 'ADD_TRANSACTION', behavioural: false },
  { event: { eventName: 'ADD_TRANSACTION', eventDisplayName: 'Purchase' }, label: 'ADD_TRANSACTION', behavioural: false },
  { event: { eventName: 'RETURN_BILL', eventDisplayName: 'Return' }, label: 'RETURN_BILL', behavioural: false },
  { event: { eventName: 'generic_event', eventDisplayName: 'lowercase is not behavioural' }, label: 'generic_event', behavioural: false },
  { event: { eventName: '__proto__', eventDisplayName: null }, label: '__proto__', behavioural: false },
];

test('the tree and the table label and classify every event alike, by the shared rule', () => {
  const events = cases.map(({ event }, i) => testEvent({ ...event, eventLogId: String(i + 1) }));
  const model = new TableModel(groupByPeriod(events));
  assert.equal(model.events.length, cases.length);
  cases.forEach(({ label, behavioural }, i) => {
    const event = events[i];
    const tree = eventItemText(event);
    assert.equal(model.events[i], event, 'the model keeps the order');
    assert.equal(eventLabel(event), label, `shared rule, case ${i}`);
    assert.equal(tree.label, label, `tree, case ${i}`);
    assert.equal(model.labels[i], label, `table, case ${i}`);
    assert.equal(isBehavioural(event), behavioural, `shared rule, case ${i}`);
    assert.equal(tree.icon === 'pulse', behavioural, `tree icon, case ${i}`);
    assert.equal(model.behavioural[i] === 1, behavioural, `table badge, case ${i}`);
  });
  // The table's event filter offers exactly these labels.
  assert.deepEqual(
    model.eventLabels().map((entry) => entry.label).sort(),
    [...new Set(cases.map((entry) => entry.label))].sort(),
  );
});
