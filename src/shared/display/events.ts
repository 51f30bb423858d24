// What an event is called and how its fields are listed. The tree, the table (its Event column and filter), the
// details view, the compare view and the tooltips all go through here. A field listing shows each value exactly
// as Capillary sent it (it is what a user copies and checks against the API); only a missing value reads "—".
import { EVENT_FIELDS, OPTIONAL_EVENT_FIELDS, type TrackedTargetEvent } from '../domain';
import { isBehavioural, type NamedEvent } from '../rules/events';
import { NO_VALUE } from './numbers';

/**
 * A behavioural event (GENERIC_EVENT) with a display name is known by its display name; every other event,
 * including a GENERIC_EVENT without one and a transactional event that happens to have one, by its eventName.
 */
export function eventLabel(event: NamedEvent): string {
  const displayName = event.eventDisplayName;
  return isBehavioural(event) && typeof displayName === 'string' && displayName !== '' ? displayName : event.eventName;
}

export interface EventField {
  name: string;
  value: string;
}

/** Every field of an event in EVENT_FIELDS' order, then the optional ISO dates when the server sent them. */
export function eventFields(event: TrackedTargetEvent): EventField[] {
  const optional = OPTIONAL_EVENT_FIELDS.filter((name) => event[name] !== undefined);
  return [...EVENT_FIELDS, ...optional].map((name) => {
    const value = event[name];
    return { name, value: value === null || value === undefined ? NO_VALUE : value };
  });
}

/** Every field of an event, one "name: value" per line, for tooltips. */
export function eventFieldLines(event: TrackedTargetEvent): string {
  return eventFields(event)
    .map(({ name, value }) => `${name}: ${value}`)
    .join('\n');
}
