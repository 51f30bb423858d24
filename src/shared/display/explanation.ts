// Why a bill did or did not count, in words: each reason worded as Capillary documents the rule behind it, and a
// target's definition as readable lines. The table, the tree, hovers and exports all say it through here.
import type { NotCountedReason, TargetDefinition, TargetFilter } from '../explanation';
import { formatCount } from './numbers';

const REASON_WORDS: Record<NotCountedReason, string> = {
  'store-filter': "outside the target's store filter",
  'zone-filter': "outside the target's zone filter",
  'concept-filter': "outside the target's concept filter",
  return: 'a return (adjusts progress only where the brand allows returns on targets)',
  'before-enrolment': 'billed before enrolment (counts only where the programme tracks from the enrolment date)',
  'outside-period': "outside the period's window",
  unknown: 'unknown: the data shows no reason',
};

/** A reason a bill did not count, as a phrase: "outside the target's store filter". */
export function notCountedReasonText(reason: NotCountedReason): string {
  return REASON_WORDS[reason];
}

/** A bill's reasons joined: "a return; outside the period's window". */
export function notCountedReasonsText(reasons: readonly NotCountedReason[]): string {
  return reasons.map(notCountedReasonText).join('; ');
}

/** "zone filter could not be checked (the store's zone is unknown)". */
export function uncheckedFilterText(filter: 'zone-filter' | 'concept-filter'): string {
  const entity = filter === 'zone-filter' ? 'zone' : 'concept';
  return `${entity} filter could not be checked (the store's ${entity} is unknown)`;
}

/** The heading of a period's bills that did not count: "Not counted (3)". */
export function notCountedHeading(count: number): string {
  return `Not counted (${formatCount(count)})`;
}

/** "store 101, 102" — IDs as sent, never grouped. */
export function targetFilterText(filter: TargetFilter): string {
  return `${filter.entityType.toLowerCase()} ${filter.entityIds.join(', ')}`;
}

/** A target's definition as labelled lines, in reading order; absent parts are left out. */
export function targetDefinitionLines(definition: TargetDefinition): Array<{ label: string; text: string }> {
  const lines = [
    { label: 'Counts', text: `${definition.targetType} of ${definition.targetEntity} events "${definition.eventName}"` },
  ];
  if (definition.expression) lines.push({ label: 'Rule', text: definition.expression });
  lines.push({
    label: 'Filters',
    text: definition.filters.length === 0 ? 'none: every store, zone and concept' : definition.filters.map(targetFilterText).join('; '),
  });
  if (definition.enrolmentMethod) lines.push({ label: 'Enrolment', text: definition.enrolmentMethod });
  return lines;
}
