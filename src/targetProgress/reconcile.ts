// Why it counted: the events of a lookup set against the customer's target progress, period by period. Pure and
// exact (decimal text in, decimal text out), so that the table, the tree, exports and the command all say the
// same thing, and property tests can hold the arithmetic.
//
// Σ events and Capillary's achieved value can legitimately differ (an initial balance, enrolment rules, events
// Capillary did not count): the reconciliation shows both and the signed difference, names causes it can see in
// the data, and never "corrects" either figure. Dates are compared as the server wrote them (zone-less text read
// as one clock), the way period bounds and event dates arrive.
import { addDecimals, formatDecimal, parseDecimal, parseEventTime, processingLagSeconds, runningTotals, type ScaledDecimal } from '../shared/rules';
import type { EventFlag, PeriodReconciliation, Reconciliation } from '../shared/reconciliation';
import type { ProgressPeriod, TargetProgress } from '../capillary';
import type { LookupResult, PeriodGroup, TrackedTargetEvent } from '../capillary/types';
import { formatDecimalText, plural } from '../shared/display';

export type { EventFlag, PeriodReconciliation, Reconciliation, Verdict } from '../shared/reconciliation';

export interface ReconcileOptions {
  /** The lookup's periodId filter: other periods' events were not fetched. */
  periodId?: string;
  /** False when the events are what a stopped fetch got. */
  complete: boolean;
  /** Processing lag above this many seconds flags an event; undefined turns the flag off. */
  lagFlagSeconds?: number;
}

const zero: ScaledDecimal = { units: 0n, scale: 0 };

function negate(value: ScaledDecimal): ScaledDecimal {
  return { units: -value.units, scale: value.scale };
}

function isZero(value: ScaledDecimal): boolean {
  return value.units === 0n;
}

/** Decimal text of a difference: "0" when there is none, else every fraction digit of the operands. */
function differenceText(value: ScaledDecimal): string {
  return isZero(value) ? '0' : formatDecimal(value);
}

function decimalOf(text: string | undefined): ScaledDecimal | undefined {
  return text === undefined ? undefined : parseDecimal(text);
}

/** Running totals of every event within its period, by eventLogId. */
export function eventRunningTotals(groups: readonly PeriodGroup[]): Map<string, string> {
  const totals = new Map<string, string>();
  for (const group of groups) {
    const running = runningTotals(group.events.map((event) => event.targetValue));
    group.events.forEach((event, index) => totals.set(event.eventLogId, running[index]));
  }
  return totals;
}

/** Flags one period's events; the window and enrolment come from its progress, when known. */
function flagEvents(
  events: readonly TrackedTargetEvent[],
  period: ProgressPeriod | undefined,
  lagFlagSeconds: number | undefined,
  flags: Record<string, EventFlag[]>,
): void {
  const seenUniqueIds = new Set<string>();
  for (const event of events) {
    const eventFlags: EventFlag[] = [];
    const time = parseEventTime(event.eventDate);
    const processed = parseEventTime(event.eventProcessedDate);
    if (period && time !== undefined) {
      if ((period.startTime !== undefined && time < period.startTime) || (period.endTime !== undefined && time > period.endTime)) {
        eventFlags.push('outside-period');
      }
      if (period.enrolledTime !== undefined && time < period.enrolledTime) eventFlags.push('before-enrolment');
    }
    if (period?.endTime !== undefined && processed !== undefined && processed > period.endTime) {
      eventFlags.push('processed-after-period-end');
    }
    if (event.uniqueId !== '') {
      const key = `${event.eventName}\u0001${event.uniqueId}`;
      if (seenUniqueIds.has(key)) eventFlags.push('duplicate-uniqueId');
      seenUniqueIds.add(key);
    }
    if ((parseDecimal(event.targetValue)?.units ?? 0n) < 0n) eventFlags.push('negative-value');
    if (lagFlagSeconds !== undefined) {
      const lag = processingLagSeconds(event, time);
      if (lag !== undefined && lag > lagFlagSeconds) eventFlags.push('processing-lag');
    }
    if (eventFlags.length > 0) flags[event.eventLogId] = eventFlags;
  }
}

/** What each kind of flagged event says about a difference, in the order causes are reported. */
const causes: ReadonlyArray<{ flag: EventFlag; describe: (count: number) => string }> = [
  { flag: 'processed-after-period-end', describe: (n) => `${plural(n, 'event')} processed after the period ended` },
  { flag: 'outside-period', describe: (n) => `${plural(n, 'event')} dated outside the period window` },
  { flag: 'before-enrolment', describe: (n) => `${plural(n, 'event')} before the customer enrolled` },
  { flag: 'duplicate-uniqueId', describe: (n) => `${plural(n, 'event repeats', 'events repeat')} a uniqueId already counted` },
  { flag: 'negative-value', describe: (n) => `${plural(n, 'negative value', 'negative values')} (returns)` },
];

/** Causes of `achieved − Σ = difference` visible in the flagged events; one that accounts for all of it says so. */
function causesOfDifference(
  events: readonly TrackedTargetEvent[],
  flags: Record<string, EventFlag[]>,
  difference: ScaledDecimal,
): string[] {
  const reasons: string[] = [];
  for (const cause of causes) {
    const flagged = events.filter((event) => flags[event.eventLogId]?.includes(cause.flag));
    if (flagged.length === 0) continue;
    let sum = zero;
    for (const event of flagged) sum = addDecimals(sum, parseDecimal(event.targetValue) ?? zero);
    const exact = isZero(addDecimals(difference, sum));
    const suffix = exact ? ': without them Σ equals the achieved value exactly' : '';
    reasons.push(`${cause.describe(flagged.length)} (Σ ${formatDecimalText(formatDecimal(sum))})${suffix}`);
  }
  if (reasons.length === 0) {
    reasons.push(
      'No cause visible in the events: an initial balance, a programme rule on enrolment, or activity this API does not list can explain it.',
    );
  }
  return reasons;
}

function reconcilePeriod(
  group: PeriodGroup | undefined,
  period: ProgressPeriod | undefined,
  periodId: string,
  options: ReconcileOptions,
  flags: Record<string, EventFlag[]>,
): PeriodReconciliation {
  const events = group?.events ?? [];
  const entry: PeriodReconciliation = {
    periodId,
    eventCount: events.length,
    eventsSum: group?.totalTargetValue ?? '0',
    verdict: 'unknown',
    reasons: [],
  };
  if (period?.start !== undefined) entry.start = period.start;
  if (period?.end !== undefined) entry.end = period.end;
  if (period?.status !== undefined) entry.status = period.status;
  if (period?.enrolledOn !== undefined) entry.enrolledOn = period.enrolledOn;
  if (period?.goal !== undefined) entry.goal = period.goal;
  if (period?.achieved !== undefined) entry.achieved = period.achieved;
  if (period && period.streaks.length > 0) entry.streaks = period.streaks;
  if (period && period.milestones.length > 0) entry.milestones = period.milestones;

  const goal = decimalOf(period?.goal);
  const achieved = decimalOf(period?.achieved);
  if (goal !== undefined && achieved !== undefined) {
    const remaining = addDecimals(goal, negate(achieved));
    entry.goalReached = remaining.units <= 0n;
    if (!entry.goalReached) entry.remaining = formatDecimal(remaining);
  }
  if (goal !== undefined && goal.units > 0n) {
    let running = zero;
    for (const event of events) {
      running = addDecimals(running, parseDecimal(event.targetValue) ?? zero);
      if (addDecimals(running, negate(goal)).units >= 0n) {
        entry.crossingEventLogId = event.eventLogId;
        break;
      }
    }
  }

  const filteredOut = options.periodId !== undefined && options.periodId !== periodId;
  if (filteredOut) {
    entry.reasons.push(`Events not fetched: the lookup is filtered to period ${options.periodId}.`);
  } else if (!options.complete) {
    entry.reasons.push(`The fetch stopped early: Σ covers only the ${plural(events.length, 'event')} fetched.`);
  } else if (!period) {
    entry.reasons.push(`Period ${periodId} is not among the customer\u2019s targets or the group\u2019s periods.`);
  } else if (achieved === undefined) {
    entry.reasons.push('Capillary sent no achieved value for this period.');
  } else {
    const difference = addDecimals(achieved, negate(parseDecimal(entry.eventsSum) ?? zero));
    entry.difference = differenceText(difference);
    entry.verdict = isZero(difference) ? 'match' : 'differs';
    if (entry.verdict === 'differs') entry.reasons.push(...causesOfDifference(events, flags, difference));
  }
  return entry;
}

/**
 * Reconciles a lookup's events with the target's progress: the calendar's periods in order (those without events
 * too), then periods that only the events know; and flags for every event that deserves a second look.
 */
export function reconcile(result: LookupResult, progress: TargetProgress, options: ReconcileOptions): Reconciliation {
  const groups = new Map(result.groups.map((group) => [group.periodId, group]));
  const periods = new Map(progress.periods.map((period) => [period.periodId, period]));
  const flags: Record<string, EventFlag[]> = {};
  for (const group of result.groups) flagEvents(group.events, periods.get(group.periodId), options.lagFlagSeconds, flags);
  const periodIds = [...periods.keys(), ...result.groups.map((group) => group.periodId).filter((id) => !periods.has(id))];
  const reconciliation: Reconciliation = {
    targetGroupId: progress.targetGroupId,
    targetGroupName: progress.targetGroupName,
    periods: periodIds.map((periodId) => reconcilePeriod(groups.get(periodId), periods.get(periodId), periodId, options, flags)),
    flags,
  };
  if (progress.trackingType !== undefined) reconciliation.trackingType = progress.trackingType;
  if (progress.timeZoneName !== undefined) reconciliation.timeZoneName = progress.timeZoneName;
  return reconciliation;
}
