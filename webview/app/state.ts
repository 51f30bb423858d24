// The app's one state: what it holds of the lookup (the rows stream, what is said of the rows, the latest fetch,
// the target progress) and what the user has set up in the table (filters, sort, collapsed periods). update.ts
// changes it, by pure functions. The view settings live only in memory: the persisted webview state is the lookup
// and the column widths, so a reload starts from a clean view of fresh data.
import type { ExplanationInfo } from '../../src/shared/explanation';
import type { FetchInfo, LookupInfo, RowsHeld, TableInfo, TargetProgressInfo } from '../../src/shared/messages';
import type { SortSpec } from '../table/model';

export interface ViewSettings {
  filterText: string;
  eventLabel: string;
  flaggedOnly: boolean;
  sort?: SortSpec;
  /** Collapsed periods by periodId, so that the choice survives a refresh that reorders groups. */
  collapsedPeriods: ReadonlySet<string>;
}

export interface AppState {
  lookup?: LookupInfo;
  fetch: FetchInfo;
  /** What the webview holds of the row stream; undefined before the first rows. */
  rowsHeld?: RowsHeld;
  /** What is said of the rows held; undefined while there are no events to show. */
  info?: TableInfo;
  /** The target progress beside the rows held. */
  targetProgress: TargetProgressInfo;
  lagWarningSeconds?: number;
  /** The target's definition and the periods' bills; undefined until the extension tells of them. */
  explanation?: ExplanationInfo;
  view: ViewSettings;
}

export const initialState: AppState = {
  fetch: { phase: 'idle' },
  targetProgress: { status: 'loading' },
  view: { filterText: '', eventLabel: '', flaggedOnly: false, collapsedPeriods: new Set() },
};
