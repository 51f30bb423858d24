// The row writers that both the extension's exports and the table's copy use, so that a row copied from the table
// reads as it does in an export: TSV with the CSV's columns, JSON with exact numbers, and one rule against text
// that a spreadsheet would run as a formula.
import { EVENT_FIELDS, OPTIONAL_EVENT_FIELDS, type TrackedTargetEvent } from './domain';
import type { EventFlag } from './reconciliation';

const plainNumber = /^-?\d+(\.\d+)?$/;
// A spreadsheet would run a cell starting with one of these as a formula.
const formulaStart = /^[=+\-@\t\r]/;

/**
 * Text that a spreadsheet would read as a formula, with a leading apostrophe so that it is read as text; numbers,
 * negative ones included, stay as they are.
 */
export function neutraliseFormula(value: string | null | undefined): string {
  const text = value ?? '';
  return formulaStart.test(text) && !plainNumber.test(text) ? `'${text}` : text;
}

/** A tab stop or line break inside a value would split its row or cell: a space takes its place. */
function tsvCell(value: string | null | undefined): string {
  return neutraliseFormula(value).replace(/[\t\r\n]+/g, ' ');
}

/** Tab-separated rows with a header, the CSV's columns and exact values, for pasting into a spreadsheet or a ticket. */
export function eventsToTsv(events: readonly TrackedTargetEvent[]): string {
  const lines = [EVENT_FIELDS.join('\t'), ...events.map((event) => EVENT_FIELDS.map((column) => tsvCell(event[column])).join('\t'))];
  return `${lines.join('\n')}\n`;
}

/** The reconciliation of each event, for exports: its running total within its period and its flags. */
export interface EventAnnotations {
  runningTotals: ReadonlyMap<string, string>;
  flags: Readonly<Record<string, readonly EventFlag[]>>;
}

const jsonNumber = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** Decimal text as a raw JSON number with every digit; other text stays a string, absence is null. */
export function exactNumber(text: string): string {
  if (text === '') return 'null';
  return jsonNumber.test(text) ? text : JSON.stringify(text);
}

/** A JSON object of already written field values, indented under `indent`. */
export function objectJson(fields: [string, string][], indent: string): string {
  const inner = `${indent}  `;
  return `{\n${fields.map(([name, value]) => `${inner}${JSON.stringify(name)}: ${value}`).join(',\n')}\n${indent}}`;
}

/** A JSON array of already written items, indented under `indent`. */
export function arrayJson(items: string[], indent: string): string {
  if (items.length === 0) return '[]';
  return `[\n${items.map((item) => `${indent}  ${item}`).join(',\n')}\n${indent}]`;
}

/** Fields of an event written as raw JSON numbers with every digit: the IDs and targetValue. */
const exactEventFields: ReadonlySet<string> = new Set(['eventLogId', 'customerId', 'periodId', 'targetGroupId', 'targetRuleId', 'targetValue']);

/** One event as JSON, keys in EVENT_FIELDS' order: IDs and targetValue as raw numbers with every digit; with annotations, its running total and flags. */
export function eventJson(event: TrackedTargetEvent, indent: string, annotations?: EventAnnotations): string {
  const fields: [string, string][] = EVENT_FIELDS.map((name) => [name, exactEventFields.has(name) ? exactNumber(event[name] ?? '') : JSON.stringify(event[name])]);
  for (const name of OPTIONAL_EVENT_FIELDS) {
    if (event[name] !== undefined) fields.push([name, JSON.stringify(event[name])]);
  }
  if (annotations) {
    fields.push(
      ['runningTotal', exactNumber(annotations.runningTotals.get(event.eventLogId) ?? '')],
      ['flags', JSON.stringify(annotations.flags[event.eventLogId] ?? [])],
    );
  }
  return objectJson(fields, indent);
}

/** One event as JSON with exact numbers, as in the JSON export. */
export function eventToJson(event: TrackedTargetEvent): string {
  return eventJson(event, '');
}

/** A list of events as a pretty JSON array with exact numbers, as in the JSON export of a selection. */
export function eventsToJson(events: readonly TrackedTargetEvent[]): string {
  return `${arrayJson(events.map((event) => eventJson(event, '  ')), '')}\n`;
}
