// Text for tree items and titles. Pure (no vscode import) so that plain Node tests cover it.
import type { PeriodGroup, TrackedTargetEvent } from './api/types';

export function pluralEvents(count: number): string {
  return count === 1 ? '1 event' : `${count} events`;
}

/** "Period 9887 — 5 events · Σ 9000.92" */
export function periodLabel(group: PeriodGroup): string {
  return `Period ${group.periodId} — ${pluralEvents(group.count)} · Σ ${group.totalTargetValue}`;
}

/** Behavioural events are known by their display name, transactional ones by their event name. */
export function eventTitle(event: TrackedTargetEvent): string {
  return event.eventDisplayName ?? event.eventName;
}

export function isBehavioural(event: TrackedTargetEvent): boolean {
  return event.eventName === 'GENERIC_EVENT';
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
