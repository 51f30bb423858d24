// The words for target progress, shared by the tree (extension) and the table (webview) so that both say the same.
// Figures stay exact decimal text as computed and are written by the display module, as everywhere else.
import type { EventFlag, PeriodReconciliation } from './reconciliation';
import { formatApiDate, formatDecimalText, formatFigure, plural } from './display';

export const flagLabels: Readonly<Record<EventFlag, string>> = {
  'outside-period': 'outside the period window',
  'before-enrolment': 'before enrolment',
  'processed-after-period-end': 'processed after the period ended',
  'duplicate-uniqueId': 'duplicate uniqueId',
  'negative-value': 'negative value',
  'processing-lag': 'processing lag above the setting',
};

/** "2025-01-01 → 2025-01-31"; empty when the calendar gave no bounds. */
export function windowText(period: PeriodReconciliation): string {
  if (period.start === undefined && period.end === undefined) return '';
  return `${period.start ?? '?'} → ${period.end ?? '?'}`;
}

/** "goal reached" or "needs 1,000.460 more"; empty without a goal or an achieved value. */
export function goalText(period: PeriodReconciliation): string {
  if (period.goalReached === undefined) return '';
  return period.goalReached ? 'goal reached' : `needs ${formatFigure(period.remaining)} more`;
}

/**
 * What the goal chip of the event whose running total passed the goal says: "goal reached" only when Capillary's
 * achieved value reached it too, else that the events add up past it while Capillary credited less. Undefined when
 * no event's running total reached the goal.
 */
export function goalCrossingText(period: PeriodReconciliation): { reached: boolean; chip: string; title: string } | undefined {
  if (period.crossingEventLogId === undefined) return undefined;
  if (period.goalReached) return { reached: true, chip: '◎ goal', title: 'This event\u2019s running total reached the goal, and Capillary credited it' };
  return { reached: false, chip: 'Σ ≥ goal', title: `${capitalised(creditText(period))} (goal ${formatFigure(period.goal)})` };
}

/** "events add up past the goal; Capillary credited 8,000" when Σ passes a goal that Capillary did not credit; else empty. */
export function creditText(period: PeriodReconciliation): string {
  if (period.crossingEventLogId === undefined || period.goalReached === true) return '';
  const credited = period.achieved === undefined ? 'Capillary sent no achieved value' : `Capillary credited ${formatFigure(period.achieved)}`;
  return `events add up past the goal; ${credited}`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Σ events against Capillary's achieved value: "✓ match", "differs by −1,000", or why they cannot be compared. */
export function verdictText(period: PeriodReconciliation): string {
  switch (period.verdict) {
    case 'match':
      return '✓ match';
    case 'differs':
      return `differs by ${formatFigure(period.difference)}`;
    case 'unknown':
      return 'not compared';
  }
}

/** "streak IN_PROGRESS · 1 / 5" for each streak of a STREAKS target. */
export function streakTexts(period: PeriodReconciliation): string[] {
  return (period.streaks ?? []).map(
    (streak) => `streak ${streak.status ?? '?'} · ${streak.currentCount === undefined ? '?' : formatDecimalText(streak.currentCount)} / ${streak.totalTargetCountOfSequence === undefined ? '?' : formatDecimalText(streak.totalTargetCountOfSequence)}`,
  );
}

/**
 * 'milestone “Goal reached” at 5,000: ✓ achieved' for each milestone: named as a milestone, so that a trigger
 * called "Goal reached" is not read as the period's goal; an inactive one tracks nothing, achieved or not.
 */
export function milestoneTexts(period: PeriodReconciliation): string[] {
  return (period.milestones ?? []).map((milestone) => {
    const name = milestone.triggerName === undefined ? 'milestone' : `milestone \u201c${milestone.triggerName}\u201d`;
    const at = milestone.triggerValue === undefined ? '' : ` at ${formatDecimalText(milestone.triggerValue)}`;
    const state = milestone.active === false ? 'inactive, tracks nothing' : milestone.isAchieved ? '✓ achieved' : '✗ not achieved';
    return `${name}${at}: ${state}`;
  });
}

/** "enrolled 2025-03-10 00:00:00": events before it are flagged; empty when the enrolment date is not known. */
export function enrolmentText(period: PeriodReconciliation): string {
  return period.enrolledOn === undefined ? '' : `enrolled ${formatApiDate(period.enrolledOn)}`;
}

/** One line for a period: what it needs, and whether Σ and Capillary agree. */
export function periodSummary(period: PeriodReconciliation): string {
  return [goalText(period), verdictText(period)].filter((part) => part !== '').join(' · ');
}

/** Every figure of a period and the reasons, one per line (tooltips and titles). */
export function periodDetails(period: PeriodReconciliation): string {
  const lines = [
    `Period ${period.periodId}${period.status ? ` (${period.status})` : ''}`,
    windowText(period) && `Window: ${windowText(period)}`,
    period.enrolledOn !== undefined ? `Enrolled: ${formatApiDate(period.enrolledOn)}` : '',
    period.goal !== undefined ? `Goal: ${formatFigure(period.goal)}` : 'Goal: not sent',
    period.achieved !== undefined ? `Achieved (Capillary): ${formatFigure(period.achieved)}` : 'Achieved (Capillary): not sent',
    `Σ of ${plural(period.eventCount, 'listed event')}: ${formatFigure(period.eventsSum)}`,
    period.difference !== undefined ? `Achieved − Σ: ${formatFigure(period.difference)}` : '',
    goalText(period),
    creditText(period),
    ...streakTexts(period),
    ...milestoneTexts(period),
    ...period.reasons,
  ];
  return lines.filter((line) => line !== '').join('\n');
}
