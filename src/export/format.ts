// Pure text formats for exports: CSV, and JSON with exact numbers. Their columns and keys are the event's fields
// in EVENT_FIELDS' order (then the optional ISO dates); the row writers and the formula rule are shared with the
// table's copy (src/shared/exportFormat).
import type { EventFlag, PeriodReconciliation } from '../shared/reconciliation';
import { EVENT_FIELDS, type LookupResult, type PeriodGroup, type TrackedTargetEvent } from '../capillary/types';
import { OPTIONAL_EVENT_FIELDS } from '../shared/domain';
import { arrayJson, type EventAnnotations, eventJson, eventsToJson, exactNumber, neutraliseFormula, objectJson } from '../shared/exportFormat';

export type { EventAnnotations } from '../shared/exportFormat';

function csvCell(value: string | null | undefined): string {
  const text = neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180 CSV (CRLF line ends, a header row, quotes only where needed). Text that a spreadsheet would read
 * as a formula gets a leading apostrophe; numbers, including negative ones, are written as they are. With
 * annotations, each row ends with its running total and its flags (space-separated).
 */
export function eventsToCsv(events: readonly TrackedTargetEvent[], annotations?: EventAnnotations): string {
  const withIso = events.some((event) => event.eventDateISO !== undefined || event.eventProcessedDateISO !== undefined);
  const columns: readonly (keyof TrackedTargetEvent)[] = withIso ? [...EVENT_FIELDS, ...OPTIONAL_EVENT_FIELDS] : EVENT_FIELDS;
  const header = annotations ? [...columns, 'runningTotal', 'flags'] : columns;
  const lines = [header.join(',')];
  for (const event of events) {
    const cells = columns.map((column) => csvCell(event[column]));
    if (annotations) {
      cells.push(csvCell(annotations.runningTotals.get(event.eventLogId)), csvCell((annotations.flags[event.eventLogId] ?? []).join(' ')));
    }
    lines.push(cells.join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The target progress section of a JSON export: the contract's `progress`, with the flagged events. */
export interface ProgressExport {
  status: 'ok' | 'unavailable' | 'loading';
  message?: string;
  targetGroupId?: string;
  targetGroupName?: string;
  trackingType?: string;
  timeZoneName?: string;
  periods: readonly PeriodReconciliation[];
  flags: Readonly<Record<string, readonly EventFlag[]>>;
}

/** Fields of the progress section written as raw JSON numbers with every digit. */
const exactProgressFields = new Set([
  'targetGroupId',
  'periodId',
  'goal',
  'achieved',
  'eventsSum',
  'difference',
  'remaining',
  'crossingEventLogId',
  'triggerValue',
  'currentCount',
  'totalTargetCountOfSequence',
]);

/** JSON of plain data in which the exact fields' decimal text becomes raw numbers. */
function exactJson(value: unknown, indent: string): string {
  if (Array.isArray(value)) return arrayJson(value.map((item) => exactJson(item, `${indent}  `)), indent);
  if (typeof value === 'object' && value !== null) {
    const fields: [string, string][] = Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .map(([name, field]) => [name, exactProgressFields.has(name) && typeof field === 'string' ? exactNumber(field) : exactJson(field, `${indent}  `)]);
    return fields.length === 0 ? '{}' : objectJson(fields, indent);
  }
  return JSON.stringify(value);
}

function groupJson(group: PeriodGroup, indent: string): string {
  return objectJson(
    [
      ['periodId', exactNumber(group.periodId)],
      ['targetGroupId', exactNumber(group.targetGroupId)],
      ['targetRuleId', exactNumber(group.targetRuleId)],
      ['count', String(group.count)],
      ['totalTargetValue', exactNumber(group.totalTargetValue)],
      ['firstEventDate', JSON.stringify(group.firstEventDate)],
      ['lastEventDate', JSON.stringify(group.lastEventDate)],
      ['countsByEventName', JSON.stringify(group.countsByEventName)],
      ['maxProcessingLagSeconds', JSON.stringify(group.maxProcessingLagSeconds)],
    ],
    indent,
  );
}

/** Whether exported events are a complete result, and when their fetch ended (ISO 8601). */
export interface ExportProvenance {
  complete: boolean;
  fetchedAt: string;
}

/**
 * Pretty JSON of a lookup (summary, groups without their events, then all events) or of a list of events.
 * IDs and targetValue are raw JSON numbers with every digit, exactly as Capillary sent them.
 */
export function lookupToJson(
  input: LookupResult | readonly TrackedTargetEvent[],
  provenance?: ExportProvenance,
  reconciliation?: { progress: ProgressExport; annotations: EventAnnotations },
): string {
  if (Array.isArray(input)) {
    return eventsToJson(input as readonly TrackedTargetEvent[]);
  }
  const result = input as LookupResult;
  const fields: [string, string][] = [];
  if (provenance) fields.push(['complete', String(provenance.complete)], ['fetchedAt', JSON.stringify(provenance.fetchedAt)]);
  if (result.total !== undefined) fields.push(['total', String(result.total)]);
  fields.push(
    ['pagesFetched', String(result.pagesFetched)],
    ['eventCount', String(result.events.length)],
    ['warnings', arrayJson(result.warnings.map((warning) => JSON.stringify(warning)), '  ')],
    ['groups', arrayJson(result.groups.map((group) => groupJson(group, '    ')), '  ')],
  );
  if (reconciliation) fields.push(['progress', exactJson(reconciliation.progress, '  ')]);
  fields.push(['events', arrayJson(result.events.map((event) => eventJson(event, '    ', reconciliation?.annotations)), '  ')]);
  return `${objectJson(fields, '')}\n`;
}
