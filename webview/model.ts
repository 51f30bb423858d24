// The table's data model: events of all groups laid out once, with what filtering and sorting need computed
// up front (a lowercase search text per event, labels, lag), so a keystroke only scans and a sort only compares.
import type { PeriodGroup, TrackedTargetEvent } from '../src/api/types';
import { compareDecimalText } from './exact';
import { parseApiDate, processingLagSeconds } from './format';

export type ColumnId = 'eventLogId' | 'event' | 'uniqueId' | 'eventDate' | 'eventProcessedDate' | 'targetValue';

export interface ColumnSpec {
  id: ColumnId;
  title: string;
  numeric: boolean;
}

export const columns: readonly ColumnSpec[] = [
  { id: 'eventLogId', title: 'eventLogId', numeric: true },
  { id: 'event', title: 'Event', numeric: false },
  { id: 'uniqueId', title: 'uniqueId', numeric: false },
  { id: 'eventDate', title: 'eventDate', numeric: false },
  { id: 'eventProcessedDate', title: 'eventProcessedDate (lag)', numeric: false },
  { id: 'targetValue', title: 'targetValue', numeric: true },
];

export type SortDirection = 'ascending' | 'descending';

export interface SortSpec {
  column: ColumnId;
  direction: SortDirection;
}

export const BEHAVIOURAL_EVENT = 'GENERIC_EVENT';

/** One event as the table shows it. */
export interface EventRow {
  event: TrackedTargetEvent;
  groupIndex: number;
  /** eventDisplayName for behavioural events, else eventName. */
  label: string;
  behavioural: boolean;
  lagSeconds: number | null;
  searchText: string;
}

/**
 * The flattened rows: a value ≥ 0 is an index into `TableModel.events`; a negative value −(g + 1) is the
 * header of group g. A typed array keeps a 50,000-row rebuild free of per-row allocations.
 */
export type RowList = Int32Array;

export function groupIndexOfRow(row: number): number {
  return -row - 1;
}

export interface ViewOptions {
  filterText: string;
  /** Event label to keep, or '' for all. */
  eventLabel: string;
  sort?: SortSpec;
  collapsed: ReadonlySet<number>;
}

export interface RowsResult {
  rows: RowList;
  /** Matching events per group (the header shows "n of m" while filtering). */
  matchesByGroup: Int32Array;
  matchingEvents: number;
}

function searchTextOf(event: TrackedTargetEvent, label: string): string {
  return [
    event.eventLogId,
    event.eventName,
    label,
    event.customerId,
    event.uniqueId,
    event.eventDate,
    event.eventProcessedDate,
    event.eventDateISO ?? '',
    event.eventProcessedDateISO ?? '',
    event.periodId,
    event.targetGroupId,
    event.targetRuleId,
    event.targetValue,
  ]
    .join('\u0001')
    .toLowerCase();
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
}

export class TableModel {
  readonly events: EventRow[] = [];
  /** Per group, the indices into `events` in server order. */
  private readonly groupMembers: Int32Array[] = [];
  private readonly ascendingOrders = new Map<ColumnId, Int32Array[]>();

  constructor(readonly groups: readonly PeriodGroup[]) {
    groups.forEach((group, groupIndex) => {
      const members = new Int32Array(group.events.length);
      group.events.forEach((event, position) => {
        const behavioural = event.eventName === BEHAVIOURAL_EVENT;
        const label = text(behavioural && event.eventDisplayName ? event.eventDisplayName : event.eventName);
        members[position] = this.events.length;
        this.events.push({
          event,
          groupIndex,
          label,
          behavioural,
          lagSeconds: processingLagSeconds(event),
          searchText: searchTextOf(event, label),
        });
      });
      this.groupMembers.push(members);
    });
  }

  /** Distinct event labels, most frequent first, with their counts. */
  eventLabels(): Array<{ label: string; count: number }> {
    const counts = new Map<string, number>();
    for (const row of this.events) counts.set(row.label, (counts.get(row.label) ?? 0) + 1);
    return [...counts]
      .map(([label, count]) => ({ label, count }))
      .sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  }

  rows(options: ViewOptions): RowsResult {
    const needle = options.filterText.trim().toLowerCase();
    const label = options.eventLabel;
    const filtering = needle !== '' || label !== '';
    const orders = options.sort ? this.sortedMembers(options.sort.column) : this.groupMembers;
    const descending = options.sort?.direction === 'descending';
    const rows = new Int32Array(this.events.length + this.groups.length);
    const matchesByGroup = new Int32Array(this.groups.length);
    let length = 0;
    let matchingEvents = 0;
    for (let g = 0; g < this.groups.length; g++) {
      const members = orders[g];
      const headerAt = length++;
      rows[headerAt] = -g - 1;
      const expanded = !options.collapsed.has(g);
      let matches = 0;
      for (let k = 0; k < members.length; k++) {
        const index = members[descending ? members.length - 1 - k : k];
        if (filtering) {
          const row = this.events[index];
          if (label !== '' && row.label !== label) continue;
          if (needle !== '' && !row.searchText.includes(needle)) continue;
        }
        matches++;
        if (expanded) rows[length++] = index;
      }
      matchesByGroup[g] = matches;
      matchingEvents += matches;
      // While filtering, a group without matches would only be noise.
      if (filtering && matches === 0) length = headerAt;
    }
    return { rows: rows.subarray(0, length), matchesByGroup, matchingEvents };
  }

  /** Each group's members in ascending order of a column, computed once per column. */
  private sortedMembers(column: ColumnId): Int32Array[] {
    let orders = this.ascendingOrders.get(column);
    if (!orders) {
      const compare = this.comparator(column);
      orders = this.groupMembers.map((members) => members.slice().sort((a, b) => compare(a, b) || a - b));
      this.ascendingOrders.set(column, orders);
    }
    return orders;
  }

  private comparator(column: ColumnId): (a: number, b: number) => number {
    const events = this.events;
    switch (column) {
      case 'eventLogId':
      case 'targetValue': {
        // Number() is monotonic, so it orders unequal approximations exactly; equal ones are settled on the digits.
        const values = events.map((row) => text(row.event[column]));
        const approx = Float64Array.from(values, (value) => {
          const n = Number(value);
          return Number.isNaN(n) || value.trim() === '' ? Infinity : n;
        });
        return (a, b) => approx[a] - approx[b] || compareDecimalText(values[a], values[b]);
      }
      case 'eventDate':
      case 'eventProcessedDate': {
        const isoField = column === 'eventDate' ? 'eventDateISO' : 'eventProcessedDateISO';
        const times = Float64Array.from(events, (row) => {
          const t = parseApiDate(row.event[isoField] || row.event[column]);
          return Number.isNaN(t) ? Infinity : t;
        });
        return (a, b) => (times[a] === times[b] ? 0 : times[a] < times[b] ? -1 : 1);
      }
      case 'event':
      case 'uniqueId': {
        const keys = events.map((row) => (column === 'event' ? row.label : text(row.event.uniqueId)).toLowerCase());
        return (a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0);
      }
    }
  }
}
