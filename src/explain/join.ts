// The one join of a period's tracked events with the customer's bills (or behavioural events). It relies on the
// documented field `uniqueId` of a tracked event: for a non-behavioural event, the ID of the event's subject
// (eventSubjectId), which for a transaction event is the transaction's `id` as GET /v2/customers/{id}/transactions
// lists it; for a behavioural event, the requestId of the POST that created it, which GET /v2/events/search lists
// as `eventId`. That a transaction event's subject is the transaction is an inference from the field descriptions:
// an event the join cannot place on any bill is counted (unplaced), never forced onto one.
import type { TrackedTargetEvent } from '../capillary';

/** The ID a tracked event names its subject by: the bill's (or behavioural event's) ID it joins to. */
export function subjectIdOf(event: TrackedTargetEvent): string {
  return event.uniqueId;
}

export interface Placement {
  /** The tracked event of each subject ID that has one (the first, when several name it). */
  eventBySubject: Map<string, TrackedTargetEvent>;
  /** Tracked events whose subject is none of `subjectIds`. */
  unplacedCount: number;
}

export function placeEvents(subjectIds: Iterable<string>, events: readonly TrackedTargetEvent[]): Placement {
  const known = new Set(subjectIds);
  const eventBySubject = new Map<string, TrackedTargetEvent>();
  let unplacedCount = 0;
  for (const event of events) {
    const subject = subjectIdOf(event);
    if (!known.has(subject)) unplacedCount++;
    else if (!eventBySubject.has(subject)) eventBySubject.set(subject, event);
  }
  return { eventBySubject, unplacedCount };
}
