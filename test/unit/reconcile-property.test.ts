// Property tests of the reconciliation: the arithmetic against a BigInt reference on random decimals, the verdict
// rules, the goal-crossing event, and causes that account for a difference exactly.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type LookupResult, type ProgressPeriod, type TargetProgress, type TrackedTargetEvent } from '../../src/capillary';
import { groupByPeriod } from '../../src/shared/grouping';
import { reconcile } from '../../src/targetProgress/reconcile';
import { runningTotals } from '../../src/shared/rules';
import { testEvent } from './api-support';

const scale = 6;

/** Reference: a decimal text as a BigInt of millionths (inputs have at most 6 fraction digits). */
function units(text: string): bigint {
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const value = BigInt(whole) * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, '0') || '0');
  return negative ? -value : value;
}

const decimal = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.option(fc.stringMatching(/^[0-9]{1,6}$/), { nil: undefined }))
  .map(([negative, whole, fraction]) => `${negative && (whole > 0n || /[1-9]/.test(fraction ?? '')) ? '-' : ''}${whole}${fraction === undefined ? '' : `.${fraction}`}`);

const positiveDecimal = decimal.map((text) => text.replace(/^-/, '')).filter((text) => units(text) > 0n);

const JANUARY: Pick<ProgressPeriod, 'start' | 'end' | 'startTime' | 'endTime'> = {
  start: '2025-01-01',
  end: '2025-01-31',
  startTime: Date.UTC(2025, 0, 1),
  endTime: Date.UTC(2025, 1, 1) - 1,
};

function eventsOf(values: readonly string[], periodId = '10'): TrackedTargetEvent[] {
  return values.map((targetValue, index) =>
    testEvent({ eventLogId: String(1000 + index), uniqueId: `u${index}`, periodId, targetValue, eventDate: '2025-01-09 12:00:00.0', eventProcessedDate: '2025-01-09 12:00:01.0' }),
  );
}

function resultOf(events: TrackedTargetEvent[]): LookupResult {
  return { events, groups: groupByPeriod(events), pagesFetched: 1, warnings: [], rawPages: [] };
}

function progressOf(periods: ProgressPeriod[]): TargetProgress {
  return { targetGroupId: '20', targetGroupName: 'Spend', periods };
}

function period(overrides: Partial<ProgressPeriod>): ProgressPeriod {
  return { periodId: '10', ...JANUARY, streaks: [], milestones: [], ...overrides };
}

describe('reconciliation properties', () => {
  it('difference = achieved − Σ exactly; the verdict is match exactly when it is zero ("0")', () => {
    fc.assert(
      fc.property(fc.array(decimal, { maxLength: 30 }), decimal, fc.boolean(), (values, achievedText, matchIt) => {
        const sumUnits = values.reduce((total, value) => total + units(value), 0n);
        const events = eventsOf(values);
        const result = resultOf(events);
        // Half the runs make Capillary agree with the events, so both verdicts are exercised.
        const achieved = matchIt ? (result.groups[0]?.totalTargetValue ?? '0') : achievedText;
        const [entry] = reconcile(result, progressOf([period({ achieved })]), { complete: true }).periods;
        assert.equal(units(entry.eventsSum), sumUnits);
        assert.ok(entry.difference !== undefined);
        assert.equal(units(entry.difference), units(achieved) - sumUnits, `${achieved} − ${entry.eventsSum} = ${entry.difference}`);
        assert.equal(entry.verdict, units(achieved) === sumUnits ? 'match' : 'differs');
        if (entry.verdict === 'match') assert.equal(entry.difference, '0');
        else assert.ok(entry.reasons.length > 0, 'a difference always comes with a reason');
        assert.match(entry.difference, /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/, 'plain decimal text');
      }),
      { numRuns: 500 },
    );
  });

  it('running totals step by each value and end at Σ', () => {
    fc.assert(
      fc.property(fc.array(decimal, { maxLength: 40 }), (values) => {
        const totals = runningTotals(values);
        let expected = 0n;
        values.forEach((value, index) => {
          expected += units(value);
          assert.equal(units(totals[index]), expected);
        });
        if (values.length > 0) assert.equal(totals.at(-1), resultOf(eventsOf(values)).groups[0].totalTargetValue);
      }),
      { numRuns: 500 },
    );
  });

  it('the crossing event is the first whose running total reaches the goal; goalReached and remaining follow achieved', () => {
    fc.assert(
      fc.property(fc.array(decimal, { maxLength: 30 }), positiveDecimal, decimal, (values, goal, achieved) => {
        const [entry] = reconcile(resultOf(eventsOf(values)), progressOf([period({ goal, achieved })]), { complete: true }).periods;
        let running = 0n;
        const crossing = values.findIndex((value) => (running += units(value)) >= units(goal));
        assert.equal(entry.crossingEventLogId, crossing < 0 ? undefined : String(1000 + crossing));
        assert.equal(entry.goalReached, units(achieved) >= units(goal));
        if (entry.goalReached) assert.equal(entry.remaining, undefined);
        else assert.equal(units(entry.remaining ?? 'x'), units(goal) - units(achieved));
      }),
      { numRuns: 500 },
    );
  });

  it('Capillary leaving out the late events: the reason says they account for the difference exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(decimal, fc.boolean()), { minLength: 1, maxLength: 20 }), (rows) => {
        const events = rows.map(([targetValue, late], index) =>
          testEvent({
            eventLogId: String(1000 + index),
            uniqueId: `u${index}`,
            targetValue,
            eventDate: '2025-01-20 10:00:00.0',
            eventProcessedDate: late ? '2025-02-01 00:00:00.0' : '2025-01-20 10:00:02.0',
          }),
        );
        const lateSum = rows.filter(([, late]) => late).reduce((total, [value]) => total + units(value), 0n);
        const credited = rows.filter(([, late]) => !late).map(([value]) => value);
        const achieved = resultOf(eventsOf(credited.length > 0 ? credited : ['0'])).groups[0].totalTargetValue;
        const reconciliation = reconcile(resultOf(events), progressOf([period({ achieved })]), { complete: true });
        const [entry] = reconciliation.periods;
        const lateIds = events.filter((_, index) => rows[index][1]).map((event) => event.eventLogId);
        assert.deepEqual(
          Object.keys(reconciliation.flags).filter((id) => reconciliation.flags[id].includes('processed-after-period-end')).sort(),
          lateIds.sort(),
        );
        if (lateSum === 0n) {
          assert.equal(entry.verdict, 'match');
        } else {
          assert.equal(entry.verdict, 'differs');
          assert.match(entry.reasons[0], /processed after the period ended .*: without them Σ equals the achieved value exactly$/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a partial fetch or a period outside the periodId filter is unknown, never a false verdict', () => {
    fc.assert(
      fc.property(fc.array(decimal, { minLength: 1, maxLength: 10 }), decimal, (values, achieved) => {
        const result = resultOf(eventsOf(values));
        const progress = progressOf([period({ achieved }), period({ periodId: '11', achieved })]);
        for (const entry of reconcile(result, progress, { complete: false }).periods) {
          assert.equal(entry.verdict, 'unknown');
          assert.equal(entry.difference, undefined);
          assert.match(entry.reasons[0], /fetch stopped early/);
        }
        const filtered = reconcile(result, progress, { complete: true, periodId: '10' }).periods;
        assert.notEqual(filtered[0].verdict, 'unknown');
        assert.equal(filtered[1].verdict, 'unknown');
        assert.match(filtered[1].reasons[0], /filtered to period 10/);
      }),
      { numRuns: 200 },
    );
  });
});

describe('reconciliation rules', () => {
  it('flags every kind of event that deserves a second look', () => {
    const events = [
      testEvent({ eventLogId: '1', uniqueId: 'a', eventDate: '2024-12-31 23:59:59.0', eventProcessedDate: '2025-01-01 00:00:00.0' }),
      testEvent({ eventLogId: '2', uniqueId: 'b', eventDate: '2025-01-02 08:00:00.0', eventProcessedDate: '2025-01-02 08:00:00.0' }),
      testEvent({ eventLogId: '3', uniqueId: 'c', eventDate: '2025-01-20 08:00:00.0', eventProcessedDate: '2025-01-20 09:30:00.0' }),
      testEvent({ eventLogId: '4', uniqueId: 'c', eventDate: '2025-01-21 08:00:00.0', eventProcessedDate: '2025-01-21 08:00:00.0' }),
      testEvent({ eventLogId: '5', uniqueId: 'c', eventName: 'RETURN_BILL', targetValue: '-1.50', eventDate: '2025-01-22 08:00:00.0', eventProcessedDate: '2025-01-22 08:00:00.0' }),
      testEvent({ eventLogId: '6', uniqueId: '', eventDate: '2025-01-31 23:00:00.0', eventProcessedDate: '2025-02-01 00:00:01.0' }),
      testEvent({ eventLogId: '7', uniqueId: '', eventDate: '2025-01-31 23:00:00.0', eventProcessedDate: '2025-01-31 23:00:00.0' }),
    ];
    const enrolled = { enrolledOn: '2025-01-02 09:00:00', enrolledTime: Date.UTC(2025, 0, 2, 9) };
    const { flags } = reconcile(resultOf(events), progressOf([period({ achieved: '0', ...enrolled })]), { complete: true, lagFlagSeconds: 3600 });
    assert.deepEqual(flags, {
      '1': ['outside-period', 'before-enrolment'],
      '2': ['before-enrolment'],
      '3': ['processing-lag'],
      '4': ['duplicate-uniqueId'],
      '5': ['negative-value'],
      '6': ['processed-after-period-end', 'processing-lag'],
    });
  });

  it('lists the calendar\u2019s periods in order, those without events too, then periods only the events know', () => {
    const events = [...eventsOf(['5'], '12'), ...eventsOf(['7'], '99')].map((event, index) => ({ ...event, eventLogId: String(index) }));
    const progress = progressOf([period({ periodId: '11', achieved: '0' }), period({ periodId: '12', achieved: '5' })]);
    const periods = reconcile(resultOf(events), progress, { complete: true }).periods;
    assert.deepEqual(
      periods.map((p) => [p.periodId, p.eventCount, p.eventsSum, p.verdict]),
      [
        ['11', 0, '0', 'match'],
        ['12', 1, '5', 'match'],
        ['99', 1, '7', 'unknown'],
      ],
    );
    assert.match(periods[2].reasons[0], /not among the customer/);
  });

  it('no achieved value means unknown, whatever Σ is', () => {
    const [entry] = reconcile(resultOf(eventsOf(['1'])), progressOf([period({ goal: '5' })]), { complete: true }).periods;
    assert.deepEqual([entry.verdict, entry.difference, entry.goalReached], ['unknown', undefined, undefined]);
    assert.match(entry.reasons[0], /no achieved value/);
  });
});
