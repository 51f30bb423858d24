// Text for tree items and titles. Pure (no vscode import) so that plain Node tests cover it. Every figure, count,
// date and event label is written by the display module (src/shared/display), as in the table.
import type { PeriodGroup, TrackedTargetEvent } from '../capillary/types';
import { isBehavioural } from '../shared/rules';
import { eventFieldLines, eventLabel, formatApiDate, formatDecimalText, plural } from '../shared/display';

/** "Period 9887 — 5 events · Σ 9,000.92" */
export function periodLabel(group: PeriodGroup): string {
  return `Period ${group.periodId} — ${plural(group.count, 'event')} · Σ ${formatDecimalText(group.totalTargetValue)}`;
}

/** What the tree shows for one event. */
export interface EventItemText {
  label: string;
  description: string;
  tooltip: string;
  /** Codicon id. */
  icon: 'pulse' | 'credit-card';
}

/** The event's label as the table shows it, its value and date beside it, every field in the tooltip. */
export function eventItemText(event: TrackedTargetEvent): EventItemText {
  return {
    label: eventLabel(event),
    description: `${formatDecimalText(event.targetValue)} · ${formatApiDate(event.eventDate)}`,
    tooltip: eventFieldLines(event),
    icon: isBehavioural(event) ? 'pulse' : 'credit-card',
  };
}

/** Periods named in a notice; the others are counted. */
const NOTICE_PERIODS = 3;

/** "2 new events tracked for user 564332013 — period 9889: Σ 2,000 → 2,999.99", the sums before and after. */
export function newEventsNotice(userId: string, added: readonly TrackedTargetEvent[], before: readonly PeriodGroup[], after: readonly PeriodGroup[]): string {
  const periodIds = [...new Set(added.map((event) => event.periodId))];
  const sumOf = (groups: readonly PeriodGroup[], periodId: string) => groups.find((group) => group.periodId === periodId)?.totalTargetValue ?? '0';
  const sums = periodIds
    .slice(0, NOTICE_PERIODS)
    .map((periodId) => `period ${periodId}: Σ ${formatDecimalText(sumOf(before, periodId))} → ${formatDecimalText(sumOf(after, periodId))}`);
  const more = periodIds.length - NOTICE_PERIODS;
  if (more > 0) sums.push(`${plural(more, 'more period', 'more periods')}`);
  return `${plural(added.length, 'new event')} tracked for user ${userId} — ${sums.join('; ')}`;
}
