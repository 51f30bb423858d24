// Text for tree items and titles. Pure (no vscode import) so that plain Node tests cover it. What an event is
// called and whether it is behavioural are the shared rules' (src/shared/rules/events.ts), as in the table.
import type { PeriodGroup, TrackedTargetEvent } from '../capillary/types';
import { eventLabel, isBehavioural } from '../shared/rules';

export function pluralEvents(count: number): string {
  return count === 1 ? '1 event' : `${count} events`;
}

/** "Period 9887 — 5 events · Σ 9000.92" */
export function periodLabel(group: PeriodGroup): string {
  return `Period ${group.periodId} — ${pluralEvents(group.count)} · Σ ${group.totalTargetValue}`;
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
    description: `${event.targetValue} · ${event.eventDate}`,
    tooltip: eventDetails(event),
    icon: isBehavioural(event) ? 'pulse' : 'credit-card',
  };
}

/** Every field of an event, one per line, for tooltips. */
export function eventDetails(event: TrackedTargetEvent): string {
  const fields: Array<[string, string | null | undefined]> = [
    ['eventLogId', event.eventLogId],
    ['eventName', event.eventName],
    ['eventDisplayName', event.eventDisplayName],
    ['uniqueId', event.uniqueId],
    ['customerId', event.customerId],
    ['eventDate', event.eventDate],
    ['eventProcessedDate', event.eventProcessedDate],
    ['periodId', event.periodId],
    ['targetGroupId', event.targetGroupId],
    ['targetRuleId', event.targetRuleId],
    ['targetValue', event.targetValue],
  ];
  return fields.map(([name, value]) => `${name}: ${value ?? '—'}`).join('\n');
}

/** Decimal text with its whole digits in groups of three ("2000.46" → "2,000.46"), every digit kept. */
export function groupDigits(decimal: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(decimal);
  if (!match) return decimal;
  const [, sign, whole, fraction = ''] = match;
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction}`;
}

/** Periods named in a notice; the others are counted. */
const NOTICE_PERIODS = 3;

/** "2 new events tracked for user 564332013 — period 9889: Σ 2,000 → 2,999.99", the sums before and after. */
export function newEventsNotice(userId: string, added: readonly TrackedTargetEvent[], before: readonly PeriodGroup[], after: readonly PeriodGroup[]): string {
  const periodIds = [...new Set(added.map((event) => event.periodId))];
  const sumOf = (groups: readonly PeriodGroup[], periodId: string) => groups.find((group) => group.periodId === periodId)?.totalTargetValue ?? '0';
  const sums = periodIds
    .slice(0, NOTICE_PERIODS)
    .map((periodId) => `period ${periodId}: Σ ${groupDigits(sumOf(before, periodId))} → ${groupDigits(sumOf(after, periodId))}`);
  const more = periodIds.length - NOTICE_PERIODS;
  if (more > 0) sums.push(`${more} more ${more === 1 ? 'period' : 'periods'}`);
  const count = added.length === 1 ? '1 new event' : `${added.length} new events`;
  return `${count} tracked for user ${userId} — ${sums.join('; ')}`;
}
