// The table's rows of the periods' bills (webview/table/notCountedRows), against the model's rows over random periods,
// explanations and views: every event row stays, in order; each bill row sits in its own period, after its events;
// collapsed periods and event-only filters show none; while filtering, exactly the matching bills show, and a period
// whose events all fail the filter comes back with its header when its bills match.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { PeriodGroup } from '../../src/shared/domain';
import type { ExplainedTransaction, ExplanationInfo, PeriodExplanation } from '../../src/shared/explanation';
import { EXPLAIN_ROW_BASE, groupIndexOfRow, isExplainRow, isGroupRow, isProgressRow, TableModel } from '../../webview/table/model';
import { ExplainRows, sectionKey } from '../../webview/table/notCountedRows';
import { testEvent } from './api-support';

type PeriodSpec = { events: number; explanation: 'none' | 'loading' | 'unavailable' | { bills: boolean[]; unplaced: number } };

function groupsOf(specs: readonly PeriodSpec[]): PeriodGroup[] {
  return specs.map((spec, p) => {
    const events = Array.from({ length: spec.events }, (_, e) => testEvent({ eventLogId: `${p}0${e}`, periodId: `P${p}`, uniqueId: `txn-${p}-${e}` }));
    return {
      periodId: `P${p}`,
      targetGroupId: '1717',
      targetRuleId: '1986',
      events,
      count: events.length,
      totalTargetValue: '0',
      firstEventDate: '',
      lastEventDate: '',
      countsByEventName: {},
      maxProcessingLagSeconds: null,
    };
  });
}

function explanationOf(specs: readonly PeriodSpec[]): ExplanationInfo {
  const periods: Record<string, PeriodExplanation> = {};
  specs.forEach((spec, p) => {
    const periodId = `P${p}`;
    if (spec.explanation === 'none') return;
    if (spec.explanation === 'loading') periods[periodId] = { status: 'loading', periodId };
    else if (spec.explanation === 'unavailable') periods[periodId] = { status: 'unavailable', periodId, message: 'refused', httpStatus: 403 };
    else {
      const transactions: ExplainedTransaction[] = spec.explanation.bills.map((tracked, b) => ({
        id: `${p}${b}`,
        billNumber: `B-${p}-${b}`,
        billingTime: '2025-01-10 09:15:00.0',
        amount: '1.5',
        type: b % 2 === 0 ? 'REGULAR' : 'RETURN',
        tracked,
        eventLogId: tracked ? `${p}00` : undefined,
        reasons: tracked ? [] : [b % 2 === 0 ? 'store-filter' : 'return'],
      }));
      periods[periodId] = { status: 'ok', periodId, window: { startDate: '2025-01-01', endDate: '2025-01-31' }, transactions, unplacedEventCount: spec.explanation.unplaced };
    }
  });
  return { definition: { status: 'loading' }, periods };
}

const periodSpec: fc.Arbitrary<PeriodSpec> = fc.record({
  events: fc.nat(3),
  explanation: fc.oneof(fc.constantFrom('none' as const, 'loading' as const, 'unavailable' as const), fc.record({ bills: fc.array(fc.boolean(), { maxLength: 4 }), unplaced: fc.nat(2) })),
});

describe('the periods\u2019 bills in the table rows', () => {
  it('keep every event row in order, sit in their own period, and follow the filter and the collapsed periods and sections', () => {
    fc.assert(
      fc.property(
        fc.array(periodSpec, { minLength: 1, maxLength: 5 }),
        fc.constantFrom('', 'store', 'b-1', 'txn-0', 'return', 'zzz'),
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.nat(4)),
        fc.array(fc.tuple(fc.nat(4), fc.boolean())),
        (specs, needle, eventsOnly, withProgressRows, collapsedList, toggledList) => {
          const groups = groupsOf(specs);
          const model = new TableModel(groups, {}, withProgressRows);
          const collapsed = new Set(collapsedList.filter((g) => g < groups.length));
          const toggled = new Set(toggledList.map(([p, counted]) => sectionKey(`P${p}`, counted ? 'counted' : 'not-counted')));
          const result = model.rows({ filterText: needle, eventLabel: eventsOnly ? 'nothing' : '', flaggedOnly: false, collapsed });
          const explain = new ExplainRows(groups, explanationOf(specs));
          const merged = explain.merge(result, { needle, eventsOnly, isGroupCollapsed: (g) => collapsed.has(g), toggledSections: toggled }, withProgressRows).rows;

          // Every row of the model stays, in order; any other is a bill's row or a period brought back by its bills.
          const original = [...result.rows];
          const others = [...merged].filter((row) => !isExplainRow(row));
          let at = 0;
          for (const row of others) if (row === original[at]) at++;
          assert.equal(at, original.length, 'every model row is there, in order');
          const filtering = needle !== '';
          if (!filtering) assert.deepEqual(others, original, 'without a filter no period is added');

          // Each bill row sits in its own period, after the period's events, and never in a collapsed one.
          let group = -1;
          let seenExplain = false;
          const shownByGroup = new Map<number, number[]>();
          for (const row of merged) {
            if (isGroupRow(row) || isProgressRow(row)) {
              if (isGroupRow(row)) group = groupIndexOfRow(row);
              seenExplain = false;
              continue;
            }
            if (row >= 0) {
              assert.equal(seenExplain, false, 'no event after a bill row in a period');
              continue;
            }
            seenExplain = true;
            assert.equal(explain.groupOf(row), group, 'the bill row is in its own period');
            assert.ok(!collapsed.has(group) && !eventsOnly);
            shownByGroup.set(group, [...(shownByGroup.get(group) ?? []), row]);
          }

          // Which rows show: all but a folded section's bills; while filtering, exactly the matching bills and their sections.
          for (const [g, spec] of specs.entries()) {
            const shown = (shownByGroup.get(g) ?? []).map((row) => explain.row(row));
            if (spec.explanation === 'none' || collapsed.has(g) || eventsOnly) {
              assert.equal(shown.length, 0);
              continue;
            }
            const bills = explain.rows.filter((row) => row.group === g && row.kind === 'bill');
            if (!filtering) {
              const expected = explain.rows.filter((row) => row.group === g && (row.kind !== 'bill' || (row.section === 'not-counted') !== toggled.has(sectionKey(`P${g}`, row.section))));
              assert.deepEqual(shown, expected);
            } else {
              assert.ok(shown.every((row) => row.kind === 'bill' || row.kind === 'section'), 'while filtering only bills and their sections');
              for (const row of shown) if (row.kind === 'section') assert.ok((explain.matchesOf(EXPLAIN_ROW_BASE - explain.rows.indexOf(row)) ?? 0) > 0, 'a section shows with matches only');
              // Bill B-p-b's texts hold "b-1" only in period 1; no bill's hold an event's uniqueId or "zzz".
              if (needle === 'b-1') assert.deepEqual(shown.filter((row) => row.kind === 'bill'), g === 1 ? bills : []);
              if (needle === 'zzz' || needle === 'txn-0') assert.equal(shown.length, 0);
              if (needle === 'return') assert.deepEqual(shown.filter((row) => row.kind === 'bill'), bills.filter((row) => row.kind === 'bill' && row.transaction.type === 'RETURN'));
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
