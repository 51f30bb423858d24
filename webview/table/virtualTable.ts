// The virtualized tree grid: fixed-height rows (a period's progress line as high as its wrapped "why"), only the visible ones (plus a little overscan) in the DOM,
// row elements recycled as the view scrolls. Positions and heights are set through the CSSOM (element.style),
// which the webview's CSP allows, unlike style attributes in markup. The parts it composes: the columns'
// layout (columnLayout), the rows' rendering (eventRow, periodRows, rowPool), the selection, the keys (keyboard)
// and the sticky period header (stickyPeriod).
import type { PeriodReconciliation } from '../../src/shared/reconciliation';
import type { ColumnWidths } from '../../src/shared/messages';
import { DEFAULT_LAG_WARNING_SECONDS } from '../../src/shared/rules';
import { h } from '../dom';
import { measureFit, widestEvents } from './columnFit';
import { ColumnLayout } from './columnLayout';
import { fillEventRow } from './eventRow';
import { handleGridKey, type KeyboardTarget } from './keyboard';
import { columns, type ColumnId, groupIndexOfRow, isExplainRow, isGroupRow, isProgressRow, type RowsResult, type SortSpec, type TableModel } from './model';
import { type ExplainKeyTarget, fillBillRow, fillExplainLine, handleExplainKey } from './notCountedRow';
import type { ExplainRowActions, ExplainRows } from './notCountedRows';
import { createProgressRow, fillGroupRow, fillProgressRow } from './periodRows';
import { type RowContext, type RowMarker, ShownSums } from './rowContext';
import { RowPool, type RowView } from './rowPool';
import { RowSelection, rowKey, rowOfKey } from './selection';
import { StickyPeriodHeader } from './stickyPeriod';
import { ROW_HEIGHT, RowGeometry } from './viewport';

export type { RowMarker } from './rowContext';

export interface VirtualTableCallbacks {
  onToggleGroup(groupIndex: number, expand?: boolean): void;
  onSort(column: ColumnId): void;
  isCollapsed(groupIndex: number): boolean;
  markerOf(eventIndex: number): RowMarker | undefined;
  /** Enter on an event row. */
  onOpenDetails(eventIndex: number): void;
  /** Ctrl/Cmd+C in the table. */
  onCopySelection(): void;
  /** A right-click on an event row, or the context-menu key on it; x and y are where the menu goes. */
  onContextMenu(eventIndex: number, x: number, y: number): void;
  /** A column was resized by the user (drag or double-click on its header edge). */
  onColumnWidthsChange(widths: ColumnWidths): void;
}

export class VirtualTable {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly columnLayout: ColumnLayout;
  private readonly sticky: StickyPeriodHeader;
  private readonly pool = new RowPool();
  private readonly rendered = new Map<number, RowView>();
  private readonly selection = new RowSelection();
  private model?: TableModel;
  private result: RowsResult = emptyRows();
  private shownSums?: ShownSums;
  private filtering = false;
  /** The events are those of a fetch under way: sums are "so far". */
  private partial = false;
  /** Events of the model when rows were last set: more of them means rows were added. */
  private eventCount = 0;
  /** Each group's reconciliation, when the target progress is known. */
  private periods: ReadonlyArray<PeriodReconciliation | undefined> = [];
  private lagWarningSeconds = DEFAULT_LAG_WARNING_SECONDS;
  private readonly resizeObserver: ResizeObserver;
  /** The periods' bills in the rows (see notCountedRows), and what their rows do. */
  private explain?: { rows: ExplainRows; actions: ExplainRowActions };
  /** The columns are to be fitted to the model's widest values (new data, or rows added). */
  private fitPending = false;
  private geometry = new RowGeometry(0, () => false, () => 0);
  /** A progress line off screen, to measure how high a period's wrapped line is at the current width. */
  private readonly measuringRow = createProgressRow();
  /** Extra height of each group's progress line (by group index), at `measuredWidth`. */
  private readonly progressExtra = new Map<number, number>();
  private measuredWidth = 0;

  constructor(private readonly callbacks: VirtualTableCallbacks) {
    this.body = h('div', { className: 'grid-body', attrs: { role: 'rowgroup' } });
    const head = h('div', { className: 'grid-head', attrs: { role: 'rowgroup' } });
    this.element = h(
      'div',
      {
        className: 'grid',
        attrs: {
          role: 'treegrid',
          'aria-label': 'Tracked target events by period',
          'aria-colcount': String(columns.length),
          'aria-rowcount': '1',
          tabindex: '0',
        },
      },
      head,
      this.body,
    );
    this.columnLayout = new ColumnLayout(this.element, this.body, callbacks);
    head.append(this.columnLayout.headerRow);
    this.sticky = new StickyPeriodHeader(head, (groupIndex) => this.focusGroup(groupIndex));
    this.element.style.setProperty('--row-height', `${ROW_HEIGHT}px`);
    this.element.addEventListener('scroll', () => this.onScroll(), { passive: true });
    this.element.addEventListener('keydown', (event) => handleGridKey(event, this.keyboardTarget()));
    this.body.addEventListener('click', (event) => this.onClick(event));
    this.body.addEventListener('contextmenu', (event) => this.onRightClick(event));
    this.measuringRow.element.classList.add('measuring');
    this.measuringRow.element.setAttribute('aria-hidden', 'true');
    this.resizeObserver = new ResizeObserver(() => this.onResize());
    this.resizeObserver.observe(this.element);
  }

  /** Sets the lag above which rows show it in amber; true when it changed (the rows then need redrawing). */
  setLagWarningSeconds(seconds: number): boolean {
    if (!Number.isFinite(seconds) || seconds < 0 || seconds === this.lagWarningSeconds) return false;
    this.lagWarningSeconds = seconds;
    return true;
  }

  /** Gives columns the widths the user chose (the others keep the stylesheet's flexible tracks). */
  setColumnWidths(widths: ColumnWidths): void {
    this.columnLayout.setWidths(widths);
  }

  /** The reconciliation of each group (by group index), shown in headers, progress lines and event rows. */
  setPeriods(periods: ReadonlyArray<PeriodReconciliation | undefined>): void {
    this.periods = periods;
    this.progressExtra.clear();
  }

  /**
   * Period rows are as wide as the visible part of the table and follow it when the columns scroll sideways
   * (--scroll-left in their transform), so that they are read whole at any width.
   */
  private onScroll(): void {
    this.element.style.setProperty('--scroll-left', `${this.element.scrollLeft}px`);
    this.render();
  }

  /** At another width, the period lines' "why" wraps otherwise. */
  private onResize(): void {
    const width = this.element.clientWidth;
    if (width !== this.measuredWidth && this.model) {
      this.layOut();
      for (const [index, view] of this.rendered) {
        this.release(view);
        this.rendered.delete(index);
      }
    }
    this.render();
  }

  /** Where each row of the current list is; progress lines are measured once per period and width. */
  private layOut(): void {
    const width = this.element.clientWidth;
    if (width !== this.measuredWidth) {
      this.measuredWidth = width;
      this.progressExtra.clear();
    }
    const rows = this.result.rows;
    this.geometry = new RowGeometry(rows.length, (index) => isProgressRow(rows[index]), (index) => this.progressLineExtra(groupIndexOfRow(rows[index])));
    this.body.style.height = `${this.geometry.totalHeight}px`;
    if (this.measuringRow.element.isConnected) this.measuringRow.element.remove();
  }

  private progressLineExtra(groupIndex: number): number {
    let extra = this.progressExtra.get(groupIndex);
    if (extra === undefined) {
      // Before the first layout (no width yet) every line is one row high.
      if (this.measuredWidth === 0 || !this.model) return 0;
      fillProgressRow(this.measuringRow, this.rowContext(this.model), groupIndex);
      if (!this.measuringRow.element.isConnected) this.body.append(this.measuringRow.element);
      extra = Math.max(0, Math.ceil(this.measuringRow.element.offsetHeight) - ROW_HEIGHT);
      this.progressExtra.set(groupIndex, extra);
    }
    return extra;
  }

  /** The bills the next row list holds (set before `setRows`); undefined when there are none. */
  setExplainRows(rows: ExplainRows | undefined, actions: ExplainRowActions): void {
    this.explain = rows ? { rows, actions } : undefined;
  }

  /** Scrolls to a group's header and gives it the keyboard. */
  focusGroup(groupIndex: number): void {
    const row = this.rowOfGroup(groupIndex);
    if (row < 0) return;
    this.element.scrollTop = this.geometry.top(row);
    this.focusRow(row);
  }

  /**
   * Shows a new row list (after data, filter, sort or collapse changes). With new data (`model` another one), the
   * active row follows its event or period to where it now is; the scroll position stays.
   */
  setRows(model: TableModel, result: RowsResult, sort: SortSpec | undefined, filtering: boolean): void {
    const grown = this.model === model && model.events.length > this.eventCount;
    const newModel = this.model !== model;
    const oldRows = this.result.rows;
    let keepPlace: (() => void) | undefined;
    if (this.model && model !== this.model) {
      const key = rowKey(this.model, this.result.rows[this.selection.active]);
      const moved = key === undefined ? -1 : rowOfKey(model, result.rows, key);
      if (moved >= 0) this.selection.active = moved;
    } else if (grown) {
      keepPlace = this.keepPlace(result.rows);
    }
    this.eventCount = model.events.length;
    this.model = model;
    this.result = result;
    this.shownSums = new ShownSums(model, result);
    this.filtering = filtering;
    this.columnLayout.showSort(sort);
    if (newModel || grown) this.fitPending = true;
    this.element.setAttribute('aria-rowcount', String(result.rows.length + 1));
    this.layOut();
    keepPlace?.();
    this.selection.clamp(result.rows.length);
    if (!grown) this.selection.collapse();
    const rowHadFocus = this.body.contains(document.activeElement);
    const context = this.rowContext(model);
    for (const [index, view] of this.rendered) {
      // Rows added elsewhere leave a row on screen as it is; only its period's header has new figures.
      if (grown && oldRows[index] === result.rows[index]) {
        if (view.kind === 'group') fillGroupRow(view, context, groupIndexOfRow(result.rows[index]));
        continue;
      }
      this.release(view);
      this.rendered.delete(index);
    }
    this.render();
    // A collapse or sort started from a row keeps the keyboard on that row.
    if (rowHadFocus) this.rendered.get(this.selection.active)?.element.focus({ preventScroll: true });
  }

  /**
   * The same model with rows added (while a fetch's pages arrive): the active row and the selection follow their
   * events or periods, and a table scrolled down keeps its top row in place, so that rows added above do not move
   * what is read.
   */
  private keepPlace(rows: Int32Array): (() => void) | undefined {
    const old = this.result.rows;
    this.selection.follow(old, rows);
    const scrollTop = this.element.scrollTop;
    const topIndex = this.geometry.indexAt(scrollTop);
    const top = old[topIndex];
    if (topIndex === 0 || top === undefined) return undefined;
    const topNow = rows.indexOf(top);
    if (topNow < 0 || topNow === topIndex) return undefined;
    const within = scrollTop - this.geometry.top(topIndex);
    // Once the new rows are laid out.
    return () => {
      this.element.scrollTop = this.geometry.top(topNow) + within;
    };
  }

  /** Whether the events are those of a fetch still under way: sums say "so far". */
  setPartial(partial: boolean): void {
    if (partial === this.partial) return;
    this.partial = partial;
    if (!this.model) return;
    const context = this.rowContext(this.model);
    for (const view of this.rendered.values()) if (view.kind === 'group') fillGroupRow(view, context, Number(view.element.dataset.group));
  }

  /** Row index (in the current list) of a group's header, or -1 when it is filtered out. */
  private rowOfGroup(groupIndex: number): number {
    return this.result.rows.indexOf(-groupIndex - 1);
  }

  /** Moves keyboard focus to a row, scrolling it into view; `extend` keeps the selection's anchor (Shift). */
  focusRow(index: number, extend = false): void {
    const count = this.result.rows.length;
    if (count === 0) return;
    this.selection.moveTo(index, count, extend);
    const active = this.selection.active;
    const top = this.geometry.top(active);
    const height = this.geometry.height(active);
    const viewport = this.element.clientHeight - ROW_HEIGHT;
    const row = this.result.rows[active];
    // Above an event, the sticky period header takes a row's height.
    const covered = isGroupRow(row) ? 0 : ROW_HEIGHT;
    if (top - covered < this.element.scrollTop) this.element.scrollTop = Math.max(0, top - covered);
    else if (top + height > this.element.scrollTop + viewport) {
      this.element.scrollTop = top + height - viewport;
    }
    this.render();
    this.rendered.get(active)?.element.focus({ preventScroll: true });
  }

  /** Back to the top, where the first match and its period are (after a filter change). */
  scrollToStart(): void {
    this.selection.active = 0;
    this.selection.anchor = 0;
    this.element.scrollTop = 0;
    this.render();
  }

  /** The events of the selected rows, in the order shown (period headers and progress lines are skipped). */
  selectedEvents(): number[] {
    return this.selection.selectedEvents(this.result.rows);
  }

  render(): void {
    const model = this.model;
    if (!model) return;
    // Measured once the table is on screen: a hidden table has no widths to measure.
    if (this.fitPending && this.element.clientWidth > 0) {
      this.fitPending = false;
      this.columnLayout.setFit(measureFit(this.body, this.rowContext(model), widestEvents(model, this.periods)));
    }
    const rows = this.result.rows;
    const [first, last] = this.geometry.visibleRange(this.element.scrollTop, this.element.clientHeight);
    const context = this.rowContext(model);
    this.sticky.update(rows.length === 0 ? undefined : rows[this.geometry.indexAt(this.element.scrollTop)], context);
    for (const [index, view] of this.rendered) {
      if (index < first || index > last) {
        this.release(view);
        this.rendered.delete(index);
      }
    }
    const fresh: HTMLElement[] = [];
    const [selectionStart, selectionEnd] = this.selection.range();
    for (let index = first; index <= last; index++) {
      let view = this.rendered.get(index);
      if (!view) {
        const row = rows[index];
        view = isExplainRow(row)
          ? this.explainRowView(context, row)
          : isProgressRow(row)
          ? fillProgressRow(this.pool.progressRow(), context, groupIndexOfRow(row))
          : row < 0
            ? fillGroupRow(this.pool.groupRow(), context, groupIndexOfRow(row))
            : fillEventRow(this.pool.eventRow(), context, row);
        view.element.setAttribute('aria-rowindex', String(index + 2));
        const followsScroll = view.kind === 'event' ? '' : 'translateX(var(--scroll-left, 0px)) ';
        view.element.style.transform = `${followsScroll}translateY(${this.geometry.top(index)}px)`;
        if (view.kind === 'progress') view.element.style.height = `${this.geometry.height(index)}px`;
        view.element.dataset.row = String(index);
        this.rendered.set(index, view);
        if (!view.element.isConnected) fresh.push(view.element);
      }
      const active = index === this.selection.active;
      view.element.tabIndex = active ? 0 : -1;
      view.element.classList.toggle('active', active);
      const selected = index >= selectionStart && index <= selectionEnd;
      view.element.classList.toggle('selected', selected);
      view.element.setAttribute('aria-selected', String(selected));
    }
    if (fresh.length > 0) this.body.append(...fresh);
    this.pool.detachFree();
    // With the active row out of the DOM, the grid itself keeps the tab stop and receives the keys.
    this.element.tabIndex = this.rendered.has(this.selection.active) ? -1 : 0;
  }

  private explainRowView(context: RowContext, row: number): RowView {
    return context.explain!.row(row).kind === 'bill' ? fillBillRow(this.pool.billRow(), context, row) : fillExplainLine(this.pool.explainLine(), context, row);
  }

  private rowContext(model: TableModel): RowContext {
    return {
      model,
      result: this.result,
      periods: this.periods,
      filtering: this.filtering,
      partial: this.partial,
      lagWarningSeconds: this.lagWarningSeconds,
      shownSums: this.shownSums ?? new ShownSums(model, this.result),
      isExpanded: (groupIndex) => !this.callbacks.isCollapsed(groupIndex),
      markerOf: (eventIndex) => this.callbacks.markerOf(eventIndex),
      explain: this.explain?.rows,
      explainActions: this.explain?.actions,
    };
  }

  private keyboardTarget(): KeyboardTarget {
    const callbacks = this.callbacks;
    return {
      rows: () => this.result.rows,
      activeRow: () => this.selection.active,
      pageRows: Math.max(1, Math.floor(this.element.clientHeight / ROW_HEIGHT) - 2),
      activeRowBox: () => this.rendered.get(this.selection.active)?.element.getBoundingClientRect(),
      rowOfGroup: (groupIndex) => this.rowOfGroup(groupIndex),
      groupOfEvent: (eventIndex) => this.model!.groupOfEvent[eventIndex],
      isExpanded: (groupIndex) => !callbacks.isCollapsed(groupIndex),
      focusRow: (index, extend) => this.focusRow(index, extend),
      onToggleGroup: (groupIndex, expand) => callbacks.onToggleGroup(groupIndex, expand),
      onCopySelection: () => callbacks.onCopySelection(),
      onContextMenu: (eventIndex, x, y) => callbacks.onContextMenu(eventIndex, x, y),
      onOpenDetails: (eventIndex) => callbacks.onOpenDetails(eventIndex),
      onExplainKey: (event, row) => this.explain !== undefined && handleExplainKey(event, row, this.explainKeyTarget(this.explain)),
    };
  }

  private explainKeyTarget({ rows, actions }: { rows: ExplainRows; actions: ExplainRowActions }): ExplainKeyTarget {
    return {
      rows: this.result.rows,
      index: this.selection.active,
      explain: rows,
      actions,
      activeRowBox: () => this.rendered.get(this.selection.active)?.element.getBoundingClientRect(),
      rowOfGroup: (groupIndex) => this.rowOfGroup(groupIndex),
      focusRow: (index) => this.focusRow(index),
    };
  }

  private release(view: RowView): void {
    if (view.element === document.activeElement) this.element.focus({ preventScroll: true });
    this.pool.release(view);
  }

  private rowIndexOf(target: EventTarget | null): number | undefined {
    const rowElement = (target as HTMLElement | null)?.closest?.('.grid-row[data-row]') as HTMLElement | null;
    if (!rowElement || !this.body.contains(rowElement)) return undefined;
    return Number(rowElement.dataset.row);
  }

  private onClick(event: MouseEvent): void {
    const index = this.rowIndexOf(event.target);
    if (index === undefined) return;
    this.focusRow(index, event.shiftKey);
    if (event.shiftKey) return;
    const row = this.result.rows[index];
    if (isGroupRow(row)) this.callbacks.onToggleGroup(groupIndexOfRow(row));
    else if (isExplainRow(row) && this.explain) this.onExplainClick(row, event, this.explain);
  }

  /** A section's line toggles it; a bill's "Evaluation log" button opens the bill and asks for its log. */
  private onExplainClick(row: number, event: MouseEvent, { rows, actions }: { rows: ExplainRows; actions: ExplainRowActions }): void {
    const explained = rows.row(row);
    if (explained.kind === 'section' && rows.matchesOf(row) === undefined) actions.toggleSection(explained.key);
    else if (explained.kind === 'bill' && (event.target as HTMLElement).closest('.evaluation-log-button')) actions.openBill(explained.transaction, true);
  }

  private onRightClick(event: MouseEvent): void {
    const index = this.rowIndexOf(event.target);
    if (index === undefined) return;
    const row = this.result.rows[index];
    const bill = isExplainRow(row) ? this.explain?.rows.row(row) : undefined;
    if (bill?.kind === 'bill') {
      event.preventDefault();
      this.focusRow(index);
      this.explain!.actions.openBillMenu(bill.transaction, event.clientX, event.clientY);
      return;
    }
    if (row < 0) return;
    event.preventDefault();
    const [start, end] = this.selection.range();
    // A right-click inside the selection keeps it, so that the menu can act on all of it.
    if (index < start || index > end) this.focusRow(index);
    this.callbacks.onContextMenu(this.result.rows[index], event.clientX, event.clientY);
  }
}

function emptyRows(): RowsResult {
  return { rows: new Int32Array(0), matchesByGroup: new Int32Array(0), matchingEvents: 0, matched: new Int32Array(0), matchStarts: new Int32Array(0) };
}
