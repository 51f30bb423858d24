// A period's bills under its events: "Not counted (n)" with the bills that did not count and why, the bills that did
// (collapsed until asked for), tracked events the join could not place, or why the bills could not be read. Built
// once per model and explanation; laid out per view (text filter, collapsed periods and sections) and merged into
// the model's row list after each period's events. Row values are EXPLAIN_ROW_BASE − k for row k here.
import type { PeriodGroup } from '../../src/shared/domain';
import type { ExplainedTransaction, ExplanationInfo, PeriodExplanation } from '../../src/shared/explanation';
import { notCountedReasonsText, uncheckedFilterText } from '../../src/shared/display';
import { EXPLAIN_ROW_BASE, groupIndexOfRow, isGroupRow, PROGRESS_ROW_BASE, type RowsResult } from './model';

export type ExplainSection = 'not-counted' | 'counted';

export type ExplainRow =
  | { kind: 'state'; group: number; period: Exclude<PeriodExplanation, { status: 'ok' }> }
  | { kind: 'section'; group: number; section: ExplainSection; key: string; bills: number; period: Extract<PeriodExplanation, { status: 'ok' }> }
  | { kind: 'bill'; group: number; section: ExplainSection; transaction: ExplainedTransaction; sectionRow: number }
  | { kind: 'unplaced'; group: number; count: number };

/** What the bills' rows do, set by the app beside the rows. */
export interface ExplainRowActions {
  toggleSection(key: string): void;
  /** Opens the bill in the details pane; `requestLog` asks for its evaluation log at once. */
  openBill(transaction: ExplainedTransaction, requestLog: boolean): void;
  openBillMenu(transaction: ExplainedTransaction, x: number, y: number): void;
  readonly toggledSections: ReadonlySet<string>;
}

/** What the layout of the bills follows. */
export interface ExplainView {
  /** The text filter, lowercase and trimmed; '' for none. */
  needle: string;
  /** An event-only filter (event name, flagged only) is set: no bill is one of those. */
  eventsOnly: boolean;
  isGroupCollapsed(groupIndex: number): boolean;
  /** Sections collapsed or expanded away from their default (not counted: expanded; counted: collapsed), by key. */
  toggledSections: ReadonlySet<string>;
}

/** A section's key, stable across refreshes: the period and the section. */
export function sectionKey(periodId: string, section: ExplainSection): string {
  return `${periodId}\u0001${section}`;
}

export function isSectionExpanded(row: Extract<ExplainRow, { kind: 'section' }>, toggled: ReadonlySet<string>): boolean {
  return (row.section === 'not-counted') !== toggled.has(row.key);
}

/** The explanation's rows for the model's periods, and how they are laid out in the current view. */
export class ExplainRows {
  readonly rows: ExplainRow[] = [];
  /** Lowercase text of every field of a bill row (reason words included); '' for other rows. */
  private readonly searchTexts: string[] = [];
  /** Per group, its rows [start, end) in `rows`. */
  private readonly spans: Array<[number, number] | undefined> = [];
  /** Per section row, the bills matching the filter of the latest layout. */
  private readonly matches = new Map<number, number>();
  private filtering = false;

  constructor(
    readonly groups: readonly PeriodGroup[],
    readonly explanation: ExplanationInfo,
  ) {
    groups.forEach((group, groupIndex) => {
      const period = explanation.periods[group.periodId];
      if (!period) return;
      const start = this.rows.length;
      if (period.status !== 'ok') this.push({ kind: 'state', group: groupIndex, period });
      else {
        const notCounted = period.transactions.filter((transaction) => !transaction.tracked);
        const counted = period.transactions.filter((transaction) => transaction.tracked);
        this.pushSection(groupIndex, period, 'not-counted', notCounted);
        if (period.unplacedEventCount > 0) this.push({ kind: 'unplaced', group: groupIndex, count: period.unplacedEventCount });
        if (counted.length > 0) this.pushSection(groupIndex, period, 'counted', counted);
      }
      this.spans[groupIndex] = [start, this.rows.length];
    });
  }

  private push(row: ExplainRow, searchText = ''): void {
    this.rows.push(row);
    this.searchTexts.push(searchText);
  }

  private pushSection(group: number, period: Extract<PeriodExplanation, { status: 'ok' }>, section: ExplainSection, bills: ExplainedTransaction[]): void {
    const sectionRow = this.rows.length;
    this.push({ kind: 'section', group, section, key: sectionKey(period.periodId, section), bills: bills.length, period });
    for (const transaction of bills) this.push({ kind: 'bill', group, section, transaction, sectionRow }, billSearchText(transaction));
  }

  get isEmpty(): boolean {
    return this.rows.length === 0;
  }

  /** The row a row value names (a value for which isExplainRow holds). */
  row(value: number): ExplainRow {
    return this.rows[EXPLAIN_ROW_BASE - value];
  }

  /** The bills of a section row that match the filter of the latest layout; undefined when not filtering. */
  matchesOf(value: number): number | undefined {
    return this.filtering ? this.matches.get(EXPLAIN_ROW_BASE - value) ?? 0 : undefined;
  }

  /**
   * The model's rows with each period's bills after its events. While filtering, a period whose events all fail the
   * filter but whose bills match comes back with its header (and progress line), in its place.
   */
  merge(result: RowsResult, view: ExplainView, withProgressRows: boolean): RowsResult {
    this.filtering = view.needle !== '';
    this.matches.clear();
    const shown = this.groups.map((_, groupIndex) => this.shownRows(groupIndex, view));
    const extra = shown.reduce((sum, rows) => sum + rows.length, 0);
    if (extra === 0) return result;
    const rows = result.rows;
    const merged = new Int32Array(rows.length + extra + this.groups.length * 2);
    let length = 0;
    let current = -1;
    let next = 0;
    const append = (values: readonly number[]) => {
      for (const value of values) merged[length++] = value;
    };
    const headerless = (until: number) => {
      for (; next < until; next++) {
        if (shown[next].length === 0) continue;
        merged[length++] = -next - 1;
        if (withProgressRows) merged[length++] = PROGRESS_ROW_BASE - next;
        append(shown[next]);
      }
    };
    for (const row of rows) {
      if (isGroupRow(row)) {
        if (current >= 0) append(shown[current]);
        current = groupIndexOfRow(row);
        headerless(current);
        next = current + 1;
      }
      merged[length++] = row;
    }
    if (current >= 0) append(shown[current]);
    headerless(this.groups.length);
    return { ...result, rows: merged.subarray(0, length) };
  }

  /** A group's rows as row values, in this view. */
  private shownRows(groupIndex: number, view: ExplainView): number[] {
    const span = this.spans[groupIndex];
    if (!span || view.eventsOnly || view.isGroupCollapsed(groupIndex)) return [];
    const shown: number[] = [];
    let expanded = false;
    for (let k = span[0]; k < span[1]; k++) {
      const row = this.rows[k];
      if (row.kind === 'section') {
        shown.push(EXPLAIN_ROW_BASE - k);
        expanded = isSectionExpanded(row, view.toggledSections);
        if (this.filtering) this.matches.set(k, 0);
      } else if (row.kind !== 'bill') {
        if (!this.filtering) shown.push(EXPLAIN_ROW_BASE - k);
      } else if (this.filtering) {
        // While filtering, every matching bill shows, whatever its section's state: the filter is a search.
        if (!this.searchTexts[k].includes(view.needle)) continue;
        this.matches.set(row.sectionRow, (this.matches.get(row.sectionRow) ?? 0) + 1);
        shown.push(EXPLAIN_ROW_BASE - k);
      } else if (expanded) shown.push(EXPLAIN_ROW_BASE - k);
    }
    // While filtering, a section shows only with matches.
    return this.filtering ? shown.filter((value) => this.row(value).kind !== 'section' || (this.matches.get(EXPLAIN_ROW_BASE - value) ?? 0) > 0) : shown;
  }

  /** The group a row value of this table's explanation belongs to. */
  groupOf(value: number): number {
    return this.row(value).group;
  }
}

/** Everything a reader may look a bill up by, lowercase: number, ID, amount, time, type, store, eventLogId, reasons. */
function billSearchText(transaction: ExplainedTransaction): string {
  const store = transaction.store;
  return [
    transaction.billNumber,
    transaction.id,
    transaction.amount,
    transaction.billingTime,
    transaction.type,
    store?.id,
    store?.code,
    store?.name,
    transaction.eventLogId,
    notCountedReasonsText(transaction.reasons),
    ...(transaction.uncheckedFilters ?? []).map(uncheckedFilterText),
  ]
    .filter((part) => part !== undefined && part !== '')
    .join('\u0001')
    .toLowerCase();
}
