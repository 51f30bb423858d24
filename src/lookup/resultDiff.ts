// What changed between two fetches of a lookup, event by event (keyed by eventLogId): events added, events
// that vanished, and events whose fields changed, naming the fields. Pure (no vscode import).
import { EVENT_FIELDS, type LookupResult, type TrackedTargetEvent } from '../capillary/types';

export type ComparedField = Exclude<(typeof EVENT_FIELDS)[number], 'eventLogId'>;

/** The fields the server sends for an event, besides its eventLogId (the key; the ISO dates are derived). */
export const COMPARED_FIELDS = EVENT_FIELDS.filter((field): field is ComparedField => field !== 'eventLogId');

export interface ChangedEvent {
  before: TrackedTargetEvent;
  after: TrackedTargetEvent;
  fields: ComparedField[];
}

/** Events in the newer result's order (added, changed) or the older one's (removed). */
export interface ResultDiff {
  added: TrackedTargetEvent[];
  removed: TrackedTargetEvent[];
  changed: ChangedEvent[];
}

export function changedFields(before: TrackedTargetEvent, after: TrackedTargetEvent): ComparedField[] {
  return COMPARED_FIELDS.filter((field) => before[field] !== after[field]);
}

export function diffResults(older: Pick<LookupResult, 'events'>, newer: Pick<LookupResult, 'events'>): ResultDiff {
  const olderById = new Map(older.events.map((event) => [event.eventLogId, event]));
  const newerIds = new Set<string>();
  const added: TrackedTargetEvent[] = [];
  const changed: ChangedEvent[] = [];
  for (const after of newer.events) {
    newerIds.add(after.eventLogId);
    const before = olderById.get(after.eventLogId);
    if (!before) {
      added.push(after);
      continue;
    }
    const fields = changedFields(before, after);
    if (fields.length > 0) changed.push({ before, after, fields });
  }
  const removed = older.events.filter((event) => !newerIds.has(event.eventLogId));
  return { added, removed, changed };
}

export function isEmptyDiff(diff: ResultDiff): boolean {
  return diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0;
}

/**
 * The change from A to C, given the change from A to B (`first`) and from B to C (`second`): what a history of
 * changes composes to, without a copy of A. An event added then removed is no change; removed then added back is
 * a change when its fields differ.
 */
export function composeDiffs(first: ResultDiff, second: ResultDiff): ResultDiff {
  const secondAdded = new Set(second.added.map((event) => event.eventLogId));
  const secondRemoved = new Set(second.removed.map((event) => event.eventLogId));
  const secondChanged = new Map(second.changed.map((change) => [change.after.eventLogId, change]));
  const firstAdded = new Set(first.added.map((event) => event.eventLogId));
  const firstRemoved = new Map(first.removed.map((event) => [event.eventLogId, event]));
  const firstChanged = new Map(first.changed.map((change) => [change.after.eventLogId, change]));
  const added = [
    ...first.added.filter((event) => !secondRemoved.has(event.eventLogId)).map((event) => secondChanged.get(event.eventLogId)?.after ?? event),
    ...second.added.filter((event) => !firstRemoved.has(event.eventLogId)),
  ];
  const removed = [
    ...first.removed.filter((event) => !secondAdded.has(event.eventLogId)),
    ...second.removed.filter((event) => !firstAdded.has(event.eventLogId)).map((event) => firstChanged.get(event.eventLogId)?.before ?? event),
  ];
  const changed: ChangedEvent[] = [];
  const compare = (before: TrackedTargetEvent, after: TrackedTargetEvent) => {
    const fields = changedFields(before, after);
    if (fields.length > 0) changed.push({ before, after, fields });
  };
  for (const change of first.changed) {
    if (!secondRemoved.has(change.after.eventLogId)) compare(change.before, secondChanged.get(change.after.eventLogId)?.after ?? change.after);
  }
  for (const change of second.changed) {
    if (!firstChanged.has(change.after.eventLogId) && !firstAdded.has(change.after.eventLogId)) changed.push(change);
  }
  for (const event of second.added) {
    const before = firstRemoved.get(event.eventLogId);
    if (before) compare(before, event);
  }
  return { added, removed, changed };
}
