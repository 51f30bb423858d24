// Text for tree items and titles. Pure (no vscode import) so that plain Node tests cover it. What an event is
// called and whether it is behavioural are the shared rules' (src/shared/rules/events.ts), as in the table.
import type { PeriodGroup, TrackedTargetEvent } from './api/types';
import { eventLabel, isBehavioural } from './shared/rules';

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
