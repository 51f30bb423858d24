// What kind of event it is. What it is called (its label) is written by src/shared/display.

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
