// The pure functions that change the app's state (state.ts): a state message from the extension, and the user's
// changes to the view.
import type { ExtensionToWebview } from '../../src/shared/messages';
import type { ColumnId, ViewOptions } from '../table/model';
import { receiveRows, type RowsReceived } from './rowStream';
import type { AppState, ViewSettings } from './state';

type StateMessage = Extract<ExtensionToWebview, { type: 'state' }>;

export interface StateChange {
  state: AppState;
  rows: RowsReceived;
  targetProgressChanged: boolean;
  explanationChanged: boolean;
}

/** The state once a state message is taken in; `rows` says what became of its rows. */
export function receiveState(state: AppState, message: StateMessage): StateChange {
  const rows = receiveRows(state.rowsHeld, message.rows);
  const targetProgressChanged = message.targetProgress.status !== 'unchanged';
  // Absent: none was asked for (or it was forgotten with the lookup's events); `unchanged`: the one held stays.
  const explanation = message.explanation && 'status' in message.explanation ? state.explanation : message.explanation;
  const next: AppState = {
    ...state,
    lookup: message.lookup,
    fetch: message.fetch,
    lagWarningSeconds: message.lagWarningSeconds,
    targetProgress: message.targetProgress.status === 'unchanged' ? state.targetProgress : message.targetProgress,
    explanation,
  };
  if (rows.kind === 'reset' || rows.kind === 'appended') Object.assign(next, { rowsHeld: rows.held, info: rows.info });
  return { state: next, rows, targetProgressChanged, explanationChanged: explanation !== state.explanation };
}

/** First click sorts ascending; clicking the sorted column again flips the direction. */
export function toggleSort(view: ViewSettings, column: ColumnId): ViewSettings {
  const direction = view.sort?.column === column && view.sort.direction === 'ascending' ? 'descending' : 'ascending';
  return { ...view, sort: { column, direction } };
}

export function setCollapsed(view: ViewSettings, periodId: string, collapsed: boolean): ViewSettings {
  const collapsedPeriods = new Set(view.collapsedPeriods);
  if (collapsed) collapsedPeriods.add(periodId);
  else collapsedPeriods.delete(periodId);
  return { ...view, collapsedPeriods };
}

export function setAllCollapsed(view: ViewSettings, periodIds: readonly string[], collapsed: boolean): ViewSettings {
  return { ...view, collapsedPeriods: collapsed ? new Set([...view.collapsedPeriods, ...periodIds]) : new Set() };
}

export function isFiltering(view: ViewSettings): boolean {
  return view.filterText.trim() !== '' || view.eventLabel !== '' || view.flaggedOnly;
}

export function viewOptions(view: ViewSettings, periodIds: readonly string[]): ViewOptions {
  const collapsed = new Set<number>();
  periodIds.forEach((id, index) => {
    if (view.collapsedPeriods.has(id)) collapsed.add(index);
  });
  return { filterText: view.filterText, eventLabel: view.eventLabel, flaggedOnly: view.flaggedOnly, sort: view.sort, collapsed };
}
