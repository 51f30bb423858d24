// What kind of event it is and what it is called. The sidebar tree, the table (its Event column and filter)
// and the tests all label an event through `eventLabel`.

/** The eventName of behavioural events; every other eventName is a transactional event. */
export const BEHAVIOURAL_EVENT_NAME = 'GENERIC_EVENT';

/** The naming fields of an event. */
export interface NamedEvent {
  eventName: string;
  eventDisplayName?: string | null;
}

export function isBehavioural(event: NamedEvent): boolean {
  return event.eventName === BEHAVIOURAL_EVENT_NAME;
}

/**
 * A behavioural event (GENERIC_EVENT) with a display name is known by its display name; every other event,
 * including a GENERIC_EVENT without one and a transactional event that happens to have one, by its eventName.
 */
export function eventLabel(event: NamedEvent): string {
  const displayName = event.eventDisplayName;
  return isBehavioural(event) && typeof displayName === 'string' && displayName !== '' ? displayName : event.eventName;
}
