// The table's data model: events of all groups laid out once, with what filtering and sorting need computed
// up front (a lowercase search text per event, labels, lag), so a keystroke only scans and a sort only compares.
import type { EventFlag } from '../../src/shared/reconciliation';
import type { PeriodGroup, TrackedTargetEvent } from '../../src/shared/domain';
import type { TableColumnId } from '../../src/shared/messages';
import { compareDecimals, isBehavioural, isDecimalText, parseEventTime, runningTotals } from '../../src/shared/rules';
import { eventLabel } from '../../src/shared/display';

export type ColumnId = TableColumnId;

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
  { id: 'runningTotal', title: 'Σ in period', numeric: true },
];

export type SortDirection = 'ascending' | 'descending';

export interface SortSpec {
  column: ColumnId;
  direction: SortDirection;
}

/**
 * The flattened rows: a value ≥ 0 is an index into `TableModel.events`; a negative value −(g + 1) is the
 * header of group g. A typed array keeps a 50,000-row rebuild free of per-row allocations.
 */
export type RowList = Int32Array;

export function groupIndexOfRow(row: number): number {
  return row <= PROGRESS_ROW_BASE ? PROGRESS_ROW_BASE - row : -row - 1;
}

/** Rows at or below this are a group's progress line: PROGRESS_ROW_BASE − g for group g (below its header). */
export const PROGRESS_ROW_BASE = -1_000_000_000;

export function isProgressRow(row: number): boolean {
  return row <= PROGRESS_ROW_BASE;
}

/** Rows from this down to above PROGRESS_ROW_BASE are a period's bills and what is said of them: EXPLAIN_ROW_BASE − k is row k of `ExplainRows` (notCountedRows). */
export const EXPLAIN_ROW_BASE = -500_000_000;

export function isExplainRow(row: number): boolean {
  return row <= EXPLAIN_ROW_BASE && row > PROGRESS_ROW_BASE;
}

/** A period's header row (not its progress line, nor its bills). */
export function isGroupRow(row: number): boolean {
  return row < 0 && row > EXPLAIN_ROW_BASE;
}

export interface ViewOptions {
  filterText: string;
  /** Event label to keep, or '' for all. */
  eventLabel: string;
  /** Keep only events with reconciliation flags. */
  flaggedOnly: boolean;
  sort?: SortSpec;
  collapsed: ReadonlySet<number>;
}

export interface RowsResult {
  rows: RowList;
  /** Matching events per group (the header shows "n of m" while filtering). */
  matchesByGroup: Int32Array;
  matchingEvents: number;
  /**
   * While filtering, the matching events of every group (collapsed ones too), group after group: group g's are
   * `matched[matchStarts[g]]` up to `matched[matchStarts[g + 1]]`. Empty when nothing is filtered.
   */
  matched: Int32Array;
  matchStarts: Int32Array;
}

const SEP = '\u0001';

function searchTextOf(event: TrackedTargetEvent, label: string): string {
  // Plain concatenation: measurably faster than building and joining an array per event.
  return (
    text(event.eventLogId) + SEP + text(event.eventName) + SEP + label + SEP + text(event.customerId) + SEP +
    text(event.uniqueId) + SEP + text(event.eventDate) + SEP + text(event.eventProcessedDate) + SEP +
    text(event.eventDateISO) + SEP + text(event.eventProcessedDateISO) + SEP + text(event.periodId) + SEP +
    text(event.targetGroupId) + SEP + text(event.targetRuleId) + SEP + text(event.targetValue)
  ).toLowerCase();
}

/** A field as text: odd server data (a number, an object) still shows and filters as what the server sent. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return value === null || value === undefined ? '' : JSON.stringify(value);
}

/** Events indexed per slice of idle time while building the search index. */
const SEARCH_INDEX_SLICE = 1000;

export class TableModel {
  /** Every event, in the order the model took them in; the other per-event arrays share these indices. */
  readonly events: TrackedTargetEvent[] = [];
  /** Each event's `eventLabel` (the shared rule the sidebar tree uses too). */
  readonly labels: string[] = [];
  /** 1 for a behavioural event. */
  readonly behavioural: number[] = [];
  readonly groupOfEvent: number[] = [];
  /** Position of each event within its group, in server order. */
  private readonly positionInGroup: number[] = [];
  /** Each event's reconciliation flags (undefined when none). */
  readonly flags: Array<readonly EventFlag[] | undefined> = [];
  private flagged = 0;
  private readonly labelCounts = new Map<string, number>();
  /** Running totals per group, computed when a group is first shown. */
  private readonly groupTotals: Array<string[] | undefined> = [];
  /** Per group, the indices into `events` in server order. */
  private readonly groupMembers: number[][] = [];
  /** Per sorted column, each group's members in ascending order (undefined once the group grew). */
  private readonly ascendingOrders = new Map<ColumnId, Array<Int32Array | undefined>>();
  /** Lowercase text of every field per event, built in idle time after the first paint. */
  private readonly searchTexts: string[] = [];
  private indexing = false;

  // Parallel arrays rather than an object per event: 50,000 fewer allocations while the first paint waits.
  constructor(
    /** The listed periods; a growing result's groups grow in place, and `takeNewEvents` takes their new events in. */
    readonly groups: readonly PeriodGroup[],
    private readonly flagsByEventLogId: Readonly<Record<string, readonly EventFlag[]>> = {},
    /** Whether each group shows a progress line under its header. */
    readonly withProgressRows = false,
  ) {
    this.takeNewEvents();
  }

  /**
   * Takes in the events added to the groups since the last call, and new groups after the known ones: O(new
   * events), so that a result that grows page by page costs what one built at once does.
   */
  takeNewEvents(): void {
    for (let g = 0; g < this.groups.length; g++) {
      const groupEvents = this.groups[g].events;
      let members = this.groupMembers[g];
      if (!members) {
        members = [];
        this.groupMembers.push(members);
      }
      if (members.length === groupEvents.length) continue;
      for (let position = members.length; position < groupEvents.length; position++) {
        const event = groupEvents[position];
        const index = this.events.length;
        const label = text(eventLabel(event));
        const flags = this.flagsByEventLogId[event.eventLogId];
        members.push(index);
        this.events.push(event);
        this.labels.push(label);
        this.labelCounts.set(label, (this.labelCounts.get(label) ?? 0) + 1);
        this.behavioural.push(isBehavioural(event) ? 1 : 0);
        this.groupOfEvent.push(g);
        this.positionInGroup.push(position);
        this.flags.push(flags);
        if (flags) this.flagged++;
      }
      this.groupTotals[g] = undefined;
      for (const orders of this.ascendingOrders.values()) orders[g] = undefined;
    }
  }

  /**
   * Builds the search index in idle time, so the table paints first; a filter that arrives before it
   * finishes completes it synchronously.
   */
  buildSearchIndexWhenIdle(): void {
    if (this.indexing) return;
    this.indexing = true;
    const step = (deadline: IdleDeadline) => {
      while (this.searchTexts.length < this.events.length && (deadline.timeRemaining() > 1 || deadline.didTimeout)) {
        this.extendSearchIndex(SEARCH_INDEX_SLICE);
        if (deadline.didTimeout) break;
      }
      if (this.searchTexts.length < this.events.length) requestIdleCallback(step, { timeout: 1000 });
      else this.indexing = false;
    };
    requestIdleCallback(step, { timeout: 1000 });
  }

  private extendSearchIndex(count: number): void {
    const end = Math.min(this.events.length, this.searchTexts.length + count);
    for (let index = this.searchTexts.length; index < end; index++) {
      this.searchTexts.push(searchTextOf(this.events[index], this.labels[index]));
    }
  }

  /** A group's events (indices into `events`) in server order. */
  membersOf(groupIndex: number): readonly number[] {
    return this.groupMembers[groupIndex] ?? [];
  }

  /** Σ of the event's period up to and including it, in server order, exact. */
  runningTotal(eventIndex: number): string {
    const g = this.groupOfEvent[eventIndex];
    let totals = this.groupTotals[g];
    if (!totals) {
      totals = runningTotals(this.groups[g].events.map((event) => event.targetValue));
      this.groupTotals[g] = totals;
    }
    return totals[this.positionInGroup[eventIndex]];
  }

  get flaggedCount(): number {
    return this.flagged;
  }

  /** Distinct event labels, most frequent first, with their counts. */
  eventLabels(): Array<{ label: string; count: number }> {
    return [...this.labelCounts]
      .map(([label, count]) => ({ label, count }))
      .sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  }

  rows(options: ViewOptions): RowsResult {
    const needle = options.filterText.trim().toLowerCase();
    const label = options.eventLabel;
    const flaggedOnly = options.flaggedOnly;
    const filtering = needle !== '' || label !== '' || flaggedOnly;
    if (needle !== '') this.extendSearchIndex(this.events.length);
    const searchTexts = this.searchTexts;
    const labels = this.labels;
    const orders = options.sort ? this.sortedMembers(options.sort.column) : this.groupMembers;
    const descending = options.sort?.direction === 'descending';
    const rows = new Int32Array(this.events.length + this.groups.length * (this.withProgressRows ? 2 : 1));
    const matchesByGroup = new Int32Array(this.groups.length);
    const matched = new Int32Array(filtering ? this.events.length : 0);
    const matchStarts = new Int32Array(filtering ? this.groups.length + 1 : 0);
    let length = 0;
    let matchingEvents = 0;
    for (let g = 0; g < this.groups.length; g++) {
      const members = orders[g];
      const headerAt = length++;
      rows[headerAt] = -g - 1;
      if (this.withProgressRows) rows[length++] = PROGRESS_ROW_BASE - g;
      const expanded = !options.collapsed.has(g);
      let matches = 0;
      for (let k = 0; k < members.length; k++) {
        const index = members[descending ? members.length - 1 - k : k];
        if (filtering) {
          if (flaggedOnly && !this.flags[index]) continue;
          if (label !== '' && labels[index] !== label) continue;
          if (needle !== '' && !searchTexts[index].includes(needle)) continue;
        }
        if (filtering) matched[matchingEvents + matches] = index;
        matches++;
        if (expanded) rows[length++] = index;
      }
      matchesByGroup[g] = matches;
      matchingEvents += matches;
      if (filtering) matchStarts[g + 1] = matchingEvents;
      // While filtering, a group without matches would only be noise.
      if (filtering && matches === 0) length = headerAt;
    }
    return { rows: rows.subarray(0, length), matchesByGroup, matchingEvents, matched: matched.subarray(0, matchingEvents), matchStarts };
  }

  /** Each group's members in ascending order of a column, computed once per column and group (again once it grew). */
  private sortedMembers(column: ColumnId): Int32Array[] {
    let orders = this.ascendingOrders.get(column);
    if (!orders) {
      orders = [];
      this.ascendingOrders.set(column, orders);
    }
    let compare: ((a: number, b: number) => number) | undefined;
    for (let g = 0; g < this.groupMembers.length; g++) {
      if (orders[g]) continue;
      compare ??= this.comparator(column);
      const by = compare;
      // Plain arrays: a typed array's sort with a comparator is several times slower in V8.
      orders[g] = Int32Array.from([...this.groupMembers[g]].sort((a, b) => by(a, b) || a - b));
    }
    return orders as Int32Array[];
  }

  private comparator(column: ColumnId): (a: number, b: number) => number {
    const events = this.events;
    switch (column) {
      case 'eventLogId': {
        // IDs are digit strings: without leading zeros, longer means larger and equal lengths compare as text.
        const keys = events.map((event) => {
          const value = text(event.eventLogId);
          return /^\d+$/.test(value) ? value.replace(/^0+(?=\d)/, '') : undefined;
        });
        const raw = events.map((event) => text(event.eventLogId));
        return (a, b) => {
          const ka = keys[a];
          const kb = keys[b];
          if (ka === undefined || kb === undefined) {
            if (ka !== undefined) return -1;
            if (kb !== undefined) return 1;
            return raw[a] < raw[b] ? -1 : raw[a] > raw[b] ? 1 : 0;
          }
          return ka.length - kb.length || (ka < kb ? -1 : ka > kb ? 1 : 0);
        };
      }
      case 'targetValue':
      case 'runningTotal': {
        // compareDecimals' order, fast: Number() is monotonic, so it orders unequal approximations exactly; equal
        // ones (and non-numbers, all at Infinity after every number) are settled by compareDecimals itself.
        const values = events.map((event, index) => (column === 'targetValue' ? text(event.targetValue) : this.runningTotal(index)));
        const approx = Float64Array.from(values, (value) => (isDecimalText(value) ? Number(value) : Infinity));
        return (a, b) => {
          const difference = approx[a] - approx[b];
          if (difference) return difference;
          return values[a] === values[b] ? 0 : compareDecimals(values[a], values[b]);
        };
      }
      case 'eventDate':
      case 'eventProcessedDate': {
        const isoField = column === 'eventDate' ? 'eventDateISO' : 'eventProcessedDateISO';
        const times = Float64Array.from(events, (event) => {
          const t = parseEventTime(event[isoField] || event[column]);
          return t === undefined ? Infinity : t;
        });
        return (a, b) => (times[a] === times[b] ? 0 : times[a] < times[b] ? -1 : 1);
      }
      case 'event':
      case 'uniqueId': {
        const source = column === 'event' ? this.labels : events.map((event) => text(event.uniqueId));
        const keys = source.map((value) => value.toLowerCase());
        return (a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0);
      }
    }
  }
}
