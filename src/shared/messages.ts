// The one message protocol between the extension and the table webview. Both sides import this module;
// nothing else crosses the boundary. The webview says `ready` first; the extension only posts after that. The
// events go as one row stream (see RowsUpdate): numbered generations of rows, each sent once, appended by offset.
import type { EvaluationLogInfo, ExplanationInfo } from './explanation';
import type { Reconciliation } from './reconciliation';
import type { FetchProgress, PeriodGroup, PeriodSummary, TrackedTargetEvent } from './domain';
import { isLongId } from './rules';

/** What a table panel shows: enough to re-run the lookup after a reload. Never holds credentials. */
export interface LookupInfo {
  userId: string;
  targetRuleId: string;
  periodId?: string;
  profileName: string;
  /** Host of the profile's base URL, for the summary line. */
  host: string;
}

/**
 * What the table is told about its events besides the events themselves: the lookup's last complete result, the
 * events a stopped fetch got before it stopped, or those of a fetch still under way that have arrived so far.
 */
export interface TableInfo {
  lookup: LookupInfo;
  eventCount: number;
  pagesFetched: number;
  total?: number;
  warnings: string[];
  /** ISO 8601 time the fetch of these events ended (or, for a fetch under way, of its latest page). */
  fetchedAt: string;
  /** False for the events of a fetch that failed, was cancelled or is still under way: the table must say so. */
  complete: boolean;
  /** How these events differ from the lookup's complete result before the latest change, when there was one. */
  changes?: ChangesInfo;
}

/** Events the table shows, grouped by period, with what is known about them. */
export interface TableData extends TableInfo {
  groups: PeriodGroup[];
}

/** The latest change of a lookup's events: rows to mark "new" or "changed", and the events that vanished. */
export interface ChangesInfo {
  /** ISO 8601 time of the earlier fetch the events are compared with. */
  since: string;
  addedIds: string[];
  changed: Array<{ eventLogId: string; fields: string[] }>;
  removed: TrackedTargetEvent[];
}

/** Two fetches of a lookup compared, for the compare view. */
export interface ComparisonInfo {
  /** ISO 8601 times of the two fetches. */
  olderFetchedAt: string;
  newerFetchedAt: string;
  added: TrackedTargetEvent[];
  removed: TrackedTargetEvent[];
  changed: Array<{ before: TrackedTargetEvent; after: TrackedTargetEvent; fields: string[] }>;
}

export interface ErrorInfo {
  message: string;
  hint: string;
  code?: number;
  httpStatus?: number;
  requestId?: string;
  kind: string;
}

/** What the lookup's latest fetch is doing or how it ended, whatever events are shown. */
export type FetchInfo =
  | { phase: 'idle' | 'done' | 'cancelled' }
  | { phase: 'loading'; fetchProgress?: FetchProgress }
  | { phase: 'failed'; error: ErrorInfo };

/**
 * The events to show, as a row stream. A generation is one event list as it grows: its rows go once each, in the
 * result's order, `offset` being how many rows of `generation` the webview holds before `events`. A new generation
 * (from offset 0) replaces whatever the webview held; `none` starts an empty one (no events to show). `info`
 * describes the generation's rows once these are added (when `info.complete`, they are the whole result).
 * `periods` are the summaries, over every row of the generation once these are added, of the periods `events`
 * belong to (the others' are unchanged): the extension groups the events as they arrive, so the webview only
 * files its rows under their period. `unchanged`: nothing new about the rows.
 */
export type RowsUpdate =
  | { kind: 'unchanged' }
  | { kind: 'none'; generation: number }
  | { kind: 'rows'; generation: number; offset: number; events: TrackedTargetEvent[]; periods: PeriodSummary[]; info: TableInfo };

/** The customer's target progress beside the shown events: reconciled, still loading, or unavailable and why. */
export type TargetProgressInfo =
  | { status: 'loading' }
  | { status: 'unavailable'; message: string; hint: string }
  | { status: 'ok'; reconciliation: Reconciliation };

/** Sent `unchanged` when the webview already has it, like the rows. */
export type ShownTargetProgress = TargetProgressInfo | { status: 'unchanged' };

export type ExtensionToWebview =
  | {
      type: 'state';
      lookup: LookupInfo;
      fetch: FetchInfo;
      rows: RowsUpdate;
      targetProgress: ShownTargetProgress;
      /** The `capillary.lagWarningSeconds` setting: a processing lag above it is shown in amber. */
      lagWarningSeconds: number;
      /** The target's definition and the bills that did or did not count; absent until asked for. */
      explanation?: ExplanationInfo | { status: 'unchanged' };
    }
  /** Answers `explainBill`: Capillary's evaluation log of that bill. */
  | { type: 'evaluationLog'; requestId: number; log: EvaluationLogInfo }
  | { type: 'reply'; requestId: number; ok: boolean; message?: string }
  | { type: 'comparison'; comparison: ComparisonInfo };

/** What the webview holds of the row stream: `offset` rows of `generation`. */
export interface RowsHeld {
  generation: number;
  offset: number;
}

export type ExportFormat = 'csv' | 'json';

export type WebviewToExtension =
  | { type: 'ready' }
  /** Acknowledges the rows taken in: what the webview holds now. */
  | ({ type: 'rowsHeld' } & RowsHeld)
  /** Rows came that do not follow what the webview holds (a gap): it asks for the rest after what it holds. */
  | ({ type: 'rowsMissing' } & RowsHeld)
  | { type: 'refresh' }
  | { type: 'cancel' }
  /** Asks for the lookup's profile credentials (after HTTP 401), then refreshes. */
  | { type: 'setCredentials' }
  | { type: 'export'; requestId: number; format: ExportFormat }
  | { type: 'copyCurl'; requestId: number }
  | { type: 'openRawJson'; requestId: number }
  /** Puts text on the clipboard: navigator.clipboard may be refused inside a webview. */
  | { type: 'copy'; requestId: number; text: string }
  /** Asks for Capillary's evaluation log of one bill (answered by `evaluationLog`). */
  | { type: 'explainBill'; requestId: number; billNumber: string };

/** The table's columns, in display order. */
export const tableColumnIds = ['eventLogId', 'event', 'uniqueId', 'eventDate', 'eventProcessedDate', 'targetValue', 'runningTotal'] as const;
export type TableColumnId = (typeof tableColumnIds)[number];

/** Widths (CSS pixels) the user gave columns by dragging or double-clicking their header edge. */
export type ColumnWidths = Partial<Record<TableColumnId, number>>;

/** Narrowest and widest a column can be made, so that a restored state never hides or swamps one. */
export const COLUMN_WIDTH_BOUNDS = { min: 40, max: 2000 } as const;

/** Webview-persisted state (vscode.setState), read back by the panel serializer after a reload. */
export interface TablePanelState {
  lookup: LookupInfo;
  columnWidths?: ColumnWidths;
}

const requestTypes = new Set(['export', 'copyCurl', 'openRawJson', 'copy', 'explainBill']);

/** Validates a message from the webview; anything malformed or unknown yields undefined. */
export function parseWebviewMessage(raw: unknown): WebviewToExtension | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const message = raw as Record<string, unknown>;
  switch (message.type) {
    case 'ready':
    case 'refresh':
    case 'cancel':
    case 'setCredentials':
      return { type: message.type };
    case 'rowsHeld':
    case 'rowsMissing': {
      const { generation, offset } = message;
      return isCount(generation) && isCount(offset) ? { type: message.type, generation, offset } : undefined;
    }
    default:
      break;
  }
  if (typeof message.type !== 'string' || !requestTypes.has(message.type)) return undefined;
  const requestId = message.requestId;
  if (typeof requestId !== 'number' || !Number.isSafeInteger(requestId)) return undefined;
  if (message.type === 'export') {
    return message.format === 'csv' || message.format === 'json'
      ? { type: 'export', requestId, format: message.format }
      : undefined;
  }
  if (message.type === 'copy') return typeof message.text === 'string' ? { type: 'copy', requestId, text: message.text } : undefined;
  if (message.type === 'explainBill') {
    return typeof message.billNumber === 'string' && message.billNumber.length > 0 ? { type: 'explainBill', requestId, billNumber: message.billNumber } : undefined;
  }
  return { type: message.type as 'copyCurl' | 'openRawJson', requestId };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Validates the persisted panel state; a state that does not describe a lookup yields undefined. */
export function parseTablePanelState(raw: unknown): TablePanelState | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const lookup = (raw as { lookup?: unknown }).lookup;
  if (typeof lookup !== 'object' || lookup === null) return undefined;
  const { userId, targetRuleId, periodId, profileName, host } = lookup as Record<string, unknown>;
  if (!isLongId(userId) || !isLongId(targetRuleId)) return undefined;
  if (periodId !== undefined && !isLongId(periodId)) return undefined;
  if (typeof profileName !== 'string' || typeof host !== 'string') return undefined;
  const columnWidths = parseColumnWidths((raw as { columnWidths?: unknown }).columnWidths);
  return {
    lookup: {
      userId: userId as string,
      targetRuleId: targetRuleId as string,
      periodId: periodId as string | undefined,
      profileName,
      host,
    },
    ...(columnWidths ? { columnWidths } : {}),
  };
}

/** Keeps the widths of known columns within bounds; undefined when none is left. */
function parseColumnWidths(raw: unknown): ColumnWidths | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const widths: ColumnWidths = {};
  for (const id of tableColumnIds) {
    const width = (raw as Record<string, unknown>)[id];
    if (typeof width === 'number' && width >= COLUMN_WIDTH_BOUNDS.min && width <= COLUMN_WIDTH_BOUNDS.max) widths[id] = Math.round(width);
  }
  return Object.keys(widths).length > 0 ? widths : undefined;
}
