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

export function diffResults(older: LookupResult, newer: LookupResult): ResultDiff {
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
