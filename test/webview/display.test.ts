// One source of truth, where the user reads it: the table writes each period's Σ, count, "needs … more" and verdict
// exactly as the sidebar tree does (src/tree/labels and the shared progress text, the tree's own functions, fed
// the same periods), with thousands separators, U+2212 and every decimal place Capillary sent.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ProgressPeriod, TrackedTargetEvent } from '../../src/capillary';
import { groupByPeriod } from '../../src/shared/grouping';
import type { ExtensionToWebview, TableData } from '../../src/shared/messages';
import { periodSummary } from '../../src/shared/targetProgressText';
import { reconcile, type Reconciliation } from '../../src/targetProgress/reconcile';
import { periodLabel } from '../../src/tree/labels';
import { dataMessage, lookup, tableData } from './fixtures';
import { cellTexts, pageErrors, send, WebviewHarness } from './harness';

const harness = new WebviewHarness();
before(() => harness.start());
after(() => harness.stop());

function event(serial: number, periodId: string, targetValue: string): TrackedTargetEvent {
  return {
    eventLogId: String(606066681 + serial),
    eventName: 'ADD_TRANSACTION',
    customerId: lookup.userId,
    eventDisplayName: null,
    uniqueId: `bill-${serial}`,
    eventDate: `2025-01-${String(10 + serial).padStart(2, '0')} 12:00:00.0`,
    eventProcessedDate: `2025-01-${String(10 + serial).padStart(2, '0')} 12:00:05.0`,
    periodId,
    targetGroupId: '1717',
    targetRuleId: lookup.targetRuleId,
    targetValue,
  };
}

function period(periodId: string, goal: string, achieved: string): ProgressPeriod {
  return { periodId, goal, achieved, status: 'RUNNING', streaks: [], milestones: [] };
}

/** The documentation's period (Σ 9000.92), one that needs 1000.460 more, and one whose return makes Σ negative. */
const events = [
  ...['1000', '2000', '2000', '2000.46', '2000.46'].map((value, i) => event(i, '9887', value)),
  event(5, '9888', '1999.54'),
  event(6, '9888', '2000'),
  event(7, '9889', '-1234.5'),
];
const periods = [period('9887', '5000.000', '9000.92'), period('9888', '5000.000', '3999.54'), period('9889', '100', '0')];

function fixture(): { data: TableData; reconciliation: Reconciliation } {
  const groups = groupByPeriod(events);
  const reconciliation = reconcile(
    { events, groups, pagesFetched: 1, warnings: [], rawPages: [] },
    { targetGroupId: '1717', targetGroupName: 'Monthly spend', trackingType: 'DEFAULT', timeZoneName: 'UTC', periods },
    { complete: true },
  );
  return { data: tableData(groups), reconciliation };
}

function stateMessage(data: TableData, reconciliation: Reconciliation): ExtensionToWebview {
  const message = dataMessage(data);
  return message.type === 'state' ? { ...message, targetProgress: { status: 'ok', reconciliation } } : message;
}

describe('table webview: figures read as in the sidebar tree', () => {
  it('each period\u2019s count and Σ, its "needs … more" and its verdict are the tree\u2019s text', async () => {
    const page = await harness.open();
    const { data, reconciliation } = fixture();
    await send(page, stateMessage(data, reconciliation));
    await page.waitForSelector('.progress-row');

    const sums = await cellTexts(page, '.grid-body .group-sum');
    assert.deepEqual(sums, ['Σ 9,000.92', 'Σ 3,999.54', 'Σ \u22121,234.5']);
    const counts = await cellTexts(page, '.grid-body .group-count');
    const treeLabels = data.groups.map((group) => periodLabel(group));
    assert.deepEqual(
      treeLabels,
      data.groups.map((group, index) => `Period ${group.periodId} — ${counts[index]} · ${sums[index]}`),
      'the tree\u2019s period label holds the table\u2019s count and Σ, character for character',
    );

    const figures = await cellTexts(page, '.progress-row .progress-figures');
    const verdicts = await cellTexts(page, '.progress-row .verdict');
    const treeDescriptions = reconciliation.periods.map((entry) => periodSummary(entry));
    assert.deepEqual(treeDescriptions, ['goal reached · ✓ match', 'needs 1,000.460 more · ✓ match', 'needs 100 more · differs by 1,234.5']);
    treeDescriptions.forEach((description, index) => {
      const [goal, verdict] = description.split(' · ');
      if (goal !== 'goal reached') assert.ok(figures[index].endsWith(` · ${goal}`), `${figures[index]} ends with the tree's "${goal}"`);
      assert.equal(verdicts[index], verdict);
    });
    assert.equal(figures[1], 'goal 5,000.000 · achieved 3,999.54 · Σ 3,999.54 · needs 1,000.460 more');
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });
});
