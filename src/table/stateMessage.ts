// What the table webview is told of a lookup's state: the lookup, the latest fetch, the event list to stream (see
// rowStream.ts) with what is said of it, and the target progress beside it.
import { formatCount } from '../shared/display';
import { CapillaryApiError } from '../capillary';
import { describeLookup, type Lookup } from '../lookup/lookups';
import { shownEvents, shownResult, type FetchPhase, type LookupState, type ResultChanges } from '../lookup/lookupState';
import { findProfile, hostOf, readProfiles } from '../profiles/settings';
import type { ChangesInfo, ErrorInfo, ExtensionToWebview, FetchInfo, LookupInfo, RowsUpdate, ShownTargetProgress } from '../shared/messages';
import type { ExplanationInfo } from '../shared/explanation';
import type { RowSource } from './rowStream';

export function lookupInfo(lookup: Lookup): LookupInfo {
  const profile = findProfile(lookup.profileName);
  return {
    userId: lookup.userId,
    targetRuleId: lookup.targetRuleId,
    periodId: lookup.periodId,
    profileName: lookup.profileName,
    host: profile ? hostOf(profile.baseUrl) : 'unknown host',
  };
}

function changesInfo(changes: ResultChanges): ChangesInfo {
  const { diff } = changes;
  return {
    since: changes.since.toISOString(),
    addedIds: diff.added.map((event) => event.eventLogId),
    changed: diff.changed.map((change) => ({ eventLogId: change.after.eventLogId, fields: change.fields })),
    removed: diff.removed,
  };
}

/**
 * The event list the table shows and what is said of it: the shown result (the last complete one, or the events a
 * stopped fetch got), else the events of the fetch under way that have arrived so far; undefined when there are none.
 */
export function rowSource(lookup: Lookup, state: LookupState): RowSource | undefined {
  const list = shownEvents(state);
  if (!list) return undefined;
  const shown = shownResult(state);
  if (shown) {
    const { result, complete } = shown;
    const fetchedAt = shown.fetchedAt.toISOString();
    const changes = complete ? state.changes : undefined;
    return {
      ...list,
      infoSummary: [fetchedAt, complete, result.pagesFetched, result.total, result.warnings.length, changes?.since.getTime(), changes?.diff.added.length, changes?.diff.changed.length, changes?.diff.removed.length].join(' '),
      info: () => ({
        // Changes describe the last complete result, so they go only with it.
        ...(changes ? { changes: changesInfo(changes) } : {}),
        lookup: lookupInfo(lookup),
        eventCount: list.events.length,
        pagesFetched: result.pagesFetched,
        total: result.total,
        warnings: result.warnings,
        fetchedAt,
        complete,
      }),
    };
  }
  const fetch = state.fetch;
  const pagesFetched = fetch.phase === 'loading' ? (fetch.fetchProgress?.pagesFetched ?? 0) : 0;
  const fetchedAt = (fetch.phase === 'loading' && fetch.arrived ? fetch.arrived.arrivedAt : new Date()).toISOString();
  return {
    ...list,
    infoSummary: [fetchedAt, pagesFetched].join(' '),
    info: () => ({ lookup: lookupInfo(lookup), eventCount: list.events.length, pagesFetched, warnings: [], fetchedAt, complete: false }),
  };
}

export function errorInfo(error: Error): ErrorInfo {
  if (error instanceof CapillaryApiError) {
    return {
      message: error.message,
      hint: error.hint,
      code: error.code,
      httpStatus: error.httpStatus,
      requestId: error.requestId,
      kind: error.kind,
    };
  }
  return { message: error.message, hint: 'See the "Capillary" output channel for details.', kind: 'unexpected' };
}

export function fetchInfo(fetch: FetchPhase): FetchInfo {
  switch (fetch.phase) {
    case 'loading':
      return { phase: 'loading', fetchProgress: fetch.fetchProgress };
    case 'failed':
      return { phase: 'failed', error: errorInfo(fetch.error) };
    default:
      return { phase: fetch.phase };
  }
}

export function stateMessage(
  lookup: Lookup,
  state: LookupState,
  rows: RowsUpdate,
  targetProgress: ShownTargetProgress,
  lagWarningSeconds: number,
  /** Absent until the lookup's events are complete; `unchanged` when the webview already has it. */
  explanation?: ExplanationInfo | { status: 'unchanged' },
): ExtensionToWebview {
  return { type: 'state', lookup: lookupInfo(lookup), fetch: fetchInfo(state.fetch), rows, targetProgress, lagWarningSeconds, ...(explanation ? { explanation } : {}) };
}

/**
 * "Events · user 564332013 · rule 1986 · EU (2 new)": the profile when there are several, so that two tabs of one
 * lookup can be told apart, and how many events the latest change brought.
 */
export function panelTitle(lookup: Lookup, state: LookupState): string {
  const profile = readProfiles().length > 1 ? ` · ${lookup.profileName}` : '';
  const added = state.changes?.diff.added.length ?? 0;
  return `Events · ${describeLookup(lookup)}${profile}${added > 0 ? ` (${formatCount(added)} new)` : ''}`;
}
