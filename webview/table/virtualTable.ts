// The virtualized tree grid: fixed-height rows, only the visible ones (plus a little overscan) in the DOM,
// row elements recycled as the view scrolls. Positions and heights are set through the CSSOM (element.style),
// which the webview's CSP allows, unlike style attributes in markup.
import type { PeriodReconciliation } from '../../src/targetProgress/reconcile';
import { flagLabels, goalText, milestoneTexts, periodDetails, streakTexts, verdictText, windowText } from '../../src/shared/targetProgressText';
import { COLUMN_WIDTH_BOUNDS, type ColumnWidths } from '../../src/shared/messages';
import { DEFAULT_LAG_WARNING_SECONDS, isHighLag, processingLagSeconds, sumDecimals } from '../../src/shared/rules';
import { h, setText, textSlot } from '../dom';
import { formatApiDate, formatCount, formatDateSpan, formatDecimalText, formatFigure, formatLag, plural } from '../../src/shared/display';
import { columns, type ColumnId, groupIndexOfRow, isProgressRow, type RowsResult, type SortSpec, type TableModel } from './model';

/** Row height in pixels; the stylesheet reads it back through --row-height. */
const ROW_HEIGHT = 24;
/** Rows rendered beyond each edge of the viewport, so fast scrolling does not show blanks. */
const OVERSCAN = 8;
/** Hard cap on row elements, whatever the viewport height. */
const MAX_ROW_ELEMENTS = 240;

/** A row's change since the fetch before: "new", or "changed" with a title naming the fields. */
export interface RowMarker {
  kind: 'new' | 'changed';
  title: string;
}

interface EventRowView {
  kind: 'event';
  element: HTMLElement;
  cells: HTMLElement[];
  logId: Text;
  marker: HTMLElement;
  markerText: Text;
  label: Text;
  badge: HTMLElement;
  badgeText: Text;
  uniqueId: Text;
  eventDate: Text;
  processedDate: Text;
  lag: HTMLElement;
  lagText: Text;
  value: Text;
  flagBadge: HTMLElement;
  flagText: Text;
  runningTotal: Text;
  crossing: HTMLElement;
}

interface GroupRowView {
  kind: 'group';
  element: HTMLElement;
  periodId: Text;
  targetGroup: HTMLElement;
  targetGroupId: Text;
  count: Text;
  span: Text;
  lag: HTMLElement;
  lagText: Text;
  shownSum: Text;
  sumLabel: Text;
  sum: Text;
  sumCell: HTMLElement;
  status: HTMLElement;
  statusText: Text;
}

/** The line under a period's header: goal, achieved, progress bar, verdict and why. */
interface ProgressRowView {
  kind: 'progress';
  element: HTMLElement;
  cell: HTMLElement;
  figures: Text;
  fill: HTMLElement;
  bar: HTMLElement;
  verdict: HTMLElement;
  verdictText: Text;
  reason: Text;
  milestones: Text;
}

type RowView = EventRowView | GroupRowView | ProgressRowView;

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
  private readonly headerCells = new Map<ColumnId, HTMLElement>();
  private model?: TableModel;
  private result: RowsResult = emptyRows();
  /** Σ of each group's matching events under the current filter, computed for the headers that are drawn. */
  private shownSums = new Map<number, string>();
  private filtering = false;
  /** The events are those of a fetch under way: sums are "so far". */
  private partial = false;
  /** Events of the model when rows were last set: more of them means rows were added. */
  private eventCount = 0;
  private readonly rendered = new Map<number, RowView>();
  private readonly freeEvents: EventRowView[] = [];
  private readonly freeGroups: GroupRowView[] = [];
  private readonly freeProgress: ProgressRowView[] = [];
  /** Each group's reconciliation, when the target progress is known. */
  private periods: ReadonlyArray<PeriodReconciliation | undefined> = [];
  private activeRow = 0;
  /** Where a Shift+click or Shift+arrow selection started; the selection runs from it to the active row. */
  private anchorRow = 0;
  private readonly resizeObserver: ResizeObserver;
  private columnWidths: ColumnWidths = {};
  private lagWarningSeconds = DEFAULT_LAG_WARNING_SECONDS;
  /** The column titles' row group. */
  private readonly head: HTMLElement;
  /**
   * The header of the period whose events are at the top, over them while its own header is scrolled away. It is
   * in the column titles' row group only while shown, so that it is never taken for one of the rows.
   */
  private readonly stickyGroup: GroupRowView;
  /** What the sticky header was last filled from, so that scrolling within a period does not refill it. */
  private stickyFilledFrom?: { result: RowsResult; groupIndex: number };

  constructor(private readonly callbacks: VirtualTableCallbacks) {
    this.body = h('div', { className: 'grid-body', attrs: { role: 'rowgroup' } });
    const headerRow = h('div', {
      className: 'grid-row grid-header-row',
      attrs: { role: 'row', 'aria-rowindex': '1' },
    });
    columns.forEach((column, index) => {
      const title = column.id === 'runningTotal' ? 'Σ of the period up to this event, in the server\u2019s order' : column.title;
      const indicator = h('span', { className: 'sort-indicator', attrs: { 'aria-hidden': 'true' } });
      const button = h('button', { className: 'sort-button', attrs: { type: 'button', title } }, column.title, indicator);
      button.addEventListener('click', () => this.callbacks.onSort(column.id));
      const resizer = h('span', { className: 'col-resizer', attrs: { 'aria-hidden': 'true', title: 'Drag to resize; double-click to fit' } });
      const cell = h(
        'div',
        {
          className: `grid-cell col-${column.id}${column.numeric ? ' numeric' : ''}`,
          attrs: { role: 'columnheader', 'aria-sort': 'none', 'aria-colindex': String(index + 1) },
        },
        button,
        resizer,
      );
      this.makeResizable(column.id, cell, resizer);
      this.headerCells.set(column.id, cell);
      headerRow.append(cell);
    });
    this.head = h('div', { className: 'grid-head', attrs: { role: 'rowgroup' } }, headerRow);
    this.stickyGroup = this.takeGroup('grid-row sticky-group');
    // A copy of a header that is in the row list too: assistive technology reads the real one.
    this.stickyGroup.element.setAttribute('role', 'presentation');
    this.stickyGroup.element.setAttribute('aria-hidden', 'true');
    this.stickyGroup.element.addEventListener('click', () => this.focusGroup(Number(this.stickyGroup.element.dataset.group)));
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
      this.head,
      this.body,
    );
    this.element.style.setProperty('--row-height', `${ROW_HEIGHT}px`);
    this.element.addEventListener('scroll', () => this.render(), { passive: true });
    this.element.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.body.addEventListener('click', (event) => this.onClick(event));
    this.body.addEventListener('contextmenu', (event) => this.onRightClick(event));
    this.resizeObserver = new ResizeObserver(() => this.render());
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
    this.columnWidths = { ...widths };
    for (const column of columns) {
      const width = this.columnWidths[column.id];
      if (width === undefined) this.element.style.removeProperty(`--col-${column.id}`);
      else this.element.style.setProperty(`--col-${column.id}`, `${width}px`);
    }
  }

  private resizeColumn(column: ColumnId, width: number): void {
    const bounded = Math.round(Math.min(COLUMN_WIDTH_BOUNDS.max, Math.max(COLUMN_WIDTH_BOUNDS.min, width)));
    this.setColumnWidths({ ...this.columnWidths, [column]: bounded });
  }

  private makeResizable(column: ColumnId, cell: HTMLElement, resizer: HTMLElement): void {
    resizer.addEventListener('pointerdown', (down: PointerEvent) => {
      down.preventDefault();
      resizer.setPointerCapture(down.pointerId);
      resizer.classList.add('dragging');
      const startWidth = cell.getBoundingClientRect().width;
      const onMove = (move: PointerEvent) => this.resizeColumn(column, startWidth + move.clientX - down.clientX);
      const dragging = new AbortController();
      const onUp = () => {
        dragging.abort();
        resizer.classList.remove('dragging');
        this.callbacks.onColumnWidthsChange({ ...this.columnWidths });
      };
      resizer.addEventListener('pointermove', onMove, { signal: dragging.signal });
      resizer.addEventListener('pointerup', onUp, { signal: dragging.signal });
      resizer.addEventListener('pointercancel', onUp, { signal: dragging.signal });
    });
    resizer.addEventListener('dblclick', () => {
      this.resizeColumn(column, this.contentWidth(column, cell));
      this.callbacks.onColumnWidthsChange({ ...this.columnWidths });
    });
  }

  /** The width a column's header and rendered cells need in full (only the visible rows exist to measure). */
  private contentWidth(column: ColumnId, headerCell: HTMLElement): number {
    let width = contentWidthOf(headerCell.querySelector('.sort-button') as HTMLElement);
    for (const cell of this.body.querySelectorAll<HTMLElement>(`.event-row > .col-${column}`)) width = Math.max(width, contentWidthOf(cell));
    // Layout widths are fractional: rounding up keeps the last character from being cut.
    return Math.ceil(width) + 1;
  }

  /** What the active row shows (an event by eventLogId, a period by periodId), so that new data can keep it active. */
  private activeRowKey(): string | undefined {
    const row = this.result.rows[this.activeRow];
    if (!this.model || row === undefined) return undefined;
    return row < 0 ? `period ${this.model.groups[groupIndexOfRow(row)].periodId}` : `event ${this.model.events[row].eventLogId}`;
  }

  private rowOfKey(model: TableModel, rows: Int32Array, key: string): number {
    return rows.findIndex((row) =>
      row < 0 ? key === `period ${model.groups[groupIndexOfRow(row)].periodId}` : key === `event ${model.events[row].eventLogId}`,
    );
  }

  /** The reconciliation of each group (by group index), shown in headers, progress lines and event rows. */
  setPeriods(periods: ReadonlyArray<PeriodReconciliation | undefined>): void {
    this.periods = periods;
  }

  /** Exact Σ targetValue of a group's events that match the filter. */
  private shownSum(groupIndex: number): string {
    let sum = this.shownSums.get(groupIndex);
    if (sum === undefined) {
      const { matched, matchStarts } = this.result;
      const events = this.model!.events;
      const values: string[] = [];
      for (let k = matchStarts[groupIndex]; k < matchStarts[groupIndex + 1]; k++) values.push(events[matched[k]].targetValue);
      sum = sumDecimals(values);
      this.shownSums.set(groupIndex, sum);
    }
    return sum;
  }

  /** Scrolls to a group's header and gives it the keyboard. */
  focusGroup(groupIndex: number): void {
    const row = this.rowOfGroup(groupIndex);
    if (row < 0) return;
    this.element.scrollTop = row * ROW_HEIGHT;
    this.focusRow(row);
  }

  /**
   * Shows a new row list (after data, filter, sort or collapse changes). With new data (`model` another one), the
   * active row follows its event or period to where it now is; the scroll position stays.
   */
  setRows(model: TableModel, result: RowsResult, sort: SortSpec | undefined, filtering: boolean): void {
    const grown = this.model === model && model.events.length > this.eventCount;
    const oldRows = this.result.rows;
    if (this.model && model !== this.model) {
      const key = this.activeRowKey();
      const moved = key === undefined ? -1 : this.rowOfKey(model, result.rows, key);
      if (moved >= 0) this.activeRow = moved;
    } else if (grown) {
      this.keepPlace(result.rows);
    }
    this.eventCount = model.events.length;
    this.model = model;
    this.result = result;
    this.shownSums = new Map();
    this.filtering = filtering;
    for (const [column, cell] of this.headerCells) {
      const direction = sort?.column === column ? sort.direction : 'none';
      cell.setAttribute('aria-sort', direction);
      cell.classList.toggle('sorted', direction !== 'none');
      const indicator = cell.querySelector('.sort-indicator') as HTMLElement;
      indicator.textContent = direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '';
    }
    this.element.setAttribute('aria-rowcount', String(result.rows.length + 1));
    this.body.style.height = `${result.rows.length * ROW_HEIGHT}px`;
    this.activeRow = Math.max(0, Math.min(this.activeRow, result.rows.length - 1));
    if (!grown) this.anchorRow = this.activeRow;
    this.anchorRow = Math.max(0, Math.min(this.anchorRow, result.rows.length - 1));
    const rowHadFocus = this.body.contains(document.activeElement);
    for (const [index, view] of this.rendered) {
      // Rows added elsewhere leave a row on screen as it is; only its period's header has new figures.
      if (grown && oldRows[index] === result.rows[index]) {
        if (view.kind === 'group') this.fillGroup(view, groupIndexOfRow(result.rows[index]));
        continue;
      }
      this.release(view);
      this.rendered.delete(index);
    }
    this.render();
    // A collapse or sort started from a row keeps the keyboard on that row.
    if (rowHadFocus) this.rendered.get(this.activeRow)?.element.focus({ preventScroll: true });
  }

  /**
   * The same model with rows added (while a fetch's pages arrive): the active row and the selection follow their
   * events or periods, and a table scrolled down keeps its top row in place, so that rows added above do not move
   * what is read. Row values of one model name the same event or header, so finding them is one typed-array scan.
   */
  private keepPlace(rows: Int32Array): void {
    const old = this.result.rows;
    const follow = (index: number) => {
      const row = old[index];
      const moved = row === undefined ? -1 : rows.indexOf(row);
      return moved >= 0 ? moved : index;
    };
    this.activeRow = follow(this.activeRow);
    this.anchorRow = follow(this.anchorRow);
    const topIndex = Math.floor(this.element.scrollTop / ROW_HEIGHT);
    const top = old[topIndex];
    if (topIndex === 0 || top === undefined) return;
    const topNow = rows.indexOf(top);
    if (topNow >= 0 && topNow !== topIndex) this.element.scrollTop += (topNow - topIndex) * ROW_HEIGHT;
  }

  /** Whether the events are those of a fetch still under way: sums say "so far". */
  setPartial(partial: boolean): void {
    if (partial === this.partial) return;
    this.partial = partial;
    for (const view of this.rendered.values()) if (view.kind === 'group') this.fillGroup(view, Number(view.element.dataset.group));
  }

  /** Row index (in the current list) of a group's header, or -1 when it is filtered out. */
  private rowOfGroup(groupIndex: number): number {
    return this.result.rows.indexOf(-groupIndex - 1);
  }

  /** Moves keyboard focus to a row, scrolling it into view; `extend` keeps the selection's anchor (Shift). */
  focusRow(index: number, extend = false): void {
    if (this.result.rows.length === 0) return;
    this.activeRow = Math.max(0, Math.min(index, this.result.rows.length - 1));
    if (!extend) this.anchorRow = this.activeRow;
    const top = this.activeRow * ROW_HEIGHT;
    const viewport = this.element.clientHeight - ROW_HEIGHT;
    const row = this.result.rows[this.activeRow];
    // Above an event, the sticky period header takes a row's height.
    const covered = row < 0 && !isProgressRow(row) ? 0 : ROW_HEIGHT;
    if (top - covered < this.element.scrollTop) this.element.scrollTop = Math.max(0, top - covered);
    else if (top + ROW_HEIGHT > this.element.scrollTop + viewport) {
      this.element.scrollTop = top + ROW_HEIGHT - viewport;
    }
    this.render();
    this.rendered.get(this.activeRow)?.element.focus({ preventScroll: true });
  }

  /** Back to the top, where the first match and its period are (after a filter change). */
  scrollToStart(): void {
    this.activeRow = 0;
    this.anchorRow = 0;
    this.element.scrollTop = 0;
    this.render();
  }

  /** Shows the period of the top row over it, unless that row is the period's own header. */
  private renderStickyGroup(model: TableModel): void {
    const row = this.result.rows[Math.floor(this.element.scrollTop / ROW_HEIGHT)];
    const sticky = this.stickyGroup.element;
    if (row === undefined || (row < 0 && !isProgressRow(row))) {
      sticky.remove();
      return;
    }
    const groupIndex = row < 0 ? groupIndexOfRow(row) : model.groupOfEvent[row];
    if (this.stickyFilledFrom?.result !== this.result || this.stickyFilledFrom.groupIndex !== groupIndex) {
      this.fillGroup(this.stickyGroup, groupIndex);
      this.stickyFilledFrom = { result: this.result, groupIndex };
    }
    if (!sticky.isConnected) this.head.append(sticky);
  }

  /** First and last row of the selection (one row when nothing was extended). */
  private selectionRange(): [number, number] {
    return [Math.min(this.anchorRow, this.activeRow), Math.max(this.anchorRow, this.activeRow)];
  }

  /** The events of the selected rows, in the order shown (period headers and progress lines are skipped). */
  selectedEvents(): number[] {
    const [start, end] = this.selectionRange();
    const events: number[] = [];
    for (let index = start; index <= end; index++) {
      const row = this.result.rows[index];
      if (row !== undefined && row >= 0) events.push(row);
    }
    return events;
  }

  private visibleRange(): [number, number] {
    const count = this.result.rows.length;
    const scrollTop = this.element.scrollTop;
    const height = this.element.clientHeight || ROW_HEIGHT * 30;
    let first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
    let last = Math.min(count - 1, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
    if (last - first + 1 > MAX_ROW_ELEMENTS) {
      first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - 2);
      last = Math.min(count - 1, first + MAX_ROW_ELEMENTS - 1);
    }
    return [first, last];
  }

  render(): void {
    const model = this.model;
    if (!model) return;
    const [first, last] = this.visibleRange();
    this.renderStickyGroup(model);
    for (const [index, view] of this.rendered) {
      if (index < first || index > last) {
        this.release(view);
        this.rendered.delete(index);
      }
    }
    const fresh: HTMLElement[] = [];
    const [selectionStart, selectionEnd] = this.selectionRange();
    for (let index = first; index <= last; index++) {
      let view = this.rendered.get(index);
      if (!view) {
        const row = this.result.rows[index];
        view = isProgressRow(row)
          ? this.fillProgress(this.takeProgress(), groupIndexOfRow(row))
          : row < 0
            ? this.fillGroup(this.takeGroup(), groupIndexOfRow(row))
            : this.fillEvent(this.takeEvent(), row);
        view.element.setAttribute('aria-rowindex', String(index + 2));
        view.element.style.transform = `translateY(${index * ROW_HEIGHT}px)`;
        view.element.dataset.row = String(index);
        this.rendered.set(index, view);
        if (!view.element.isConnected) fresh.push(view.element);
      }
      const active = index === this.activeRow;
      view.element.tabIndex = active ? 0 : -1;
      view.element.classList.toggle('active', active);
      const selected = index >= selectionStart && index <= selectionEnd;
      view.element.classList.toggle('selected', selected);
      view.element.setAttribute('aria-selected', String(selected));
    }
    if (fresh.length > 0) this.body.append(...fresh);
    for (const view of [...this.freeEvents, ...this.freeGroups, ...this.freeProgress]) view.element.remove();
    // With the active row out of the DOM, the grid itself keeps the tab stop and receives the keys.
    this.element.tabIndex = this.rendered.has(this.activeRow) ? -1 : 0;
  }

  private release(view: RowView): void {
    if (view.element === document.activeElement) this.element.focus({ preventScroll: true });
    if (view.kind === 'event') this.freeEvents.push(view);
    else if (view.kind === 'group') this.freeGroups.push(view);
    else this.freeProgress.push(view);
  }

  private takeEvent(): EventRowView {
    const recycled = this.freeEvents.pop();
    if (recycled) return recycled;
    const cells = columns.map((column, index) =>
      h('div', {
        className: `grid-cell col-${column.id}${column.numeric ? ' numeric' : ''}`,
        attrs: { role: 'gridcell', 'aria-colindex': String(index + 1) },
      }),
    );
    const element = h('div', { className: 'grid-row event-row', attrs: { role: 'row', 'aria-level': '2' } }, ...cells);
    const [logCell, eventCell, uniqueCell, dateCell, processedCell, valueCell, runningCell] = cells;
    const logIdSpan = h('span', { className: 'log-id' });
    logCell.append(logIdSpan);
    // In the event cell rather than by the ID, so that the ID keeps all of its column.
    const marker = h('span', { className: 'row-marker' });
    const labelSpan = h('span', { className: 'event-label' });
    const badge = h('span', { className: 'kind-badge' });
    const flagBadge = h('span', { className: 'flag-badge' });
    eventCell.append(marker, labelSpan, badge, flagBadge);
    const crossing = h('span', { className: 'crossing', attrs: { title: 'This event\u2019s running total reached the goal' } }, '◎ goal');
    const runningSpan = h('span', { className: 'running-total' });
    runningCell.append(crossing, runningSpan);
    const processedSpan = h('span', { className: 'processed-date' });
    const lag = h('span', { className: 'lag' });
    processedCell.append(processedSpan, lag);
    return {
      kind: 'event',
      element,
      cells,
      logId: textSlot(logIdSpan),
      marker,
      markerText: textSlot(marker),
      label: textSlot(labelSpan),
      badge,
      badgeText: textSlot(badge),
      uniqueId: textSlot(uniqueCell),
      eventDate: textSlot(dateCell),
      processedDate: textSlot(processedSpan),
      lag,
      lagText: textSlot(lag),
      value: textSlot(valueCell),
      flagBadge,
      flagText: textSlot(flagBadge),
      runningTotal: textSlot(runningSpan),
      crossing,
    };
  }

  private fillEvent(view: EventRowView, eventIndex: number): EventRowView {
    const model = this.model!;
    const event = model.events[eventIndex];
    const label = model.labels[eventIndex];
    const behavioural = model.behavioural[eventIndex] === 1;
    setText(view.logId, event.eventLogId);
    // A cut-off cell shows its whole value on hover.
    view.cells[0].title = event.eventLogId;
    const marker = this.callbacks.markerOf(eventIndex);
    setText(view.markerText, marker?.kind ?? '');
    view.marker.className = marker ? `row-marker ${marker.kind}` : 'row-marker';
    view.marker.title = marker?.title ?? '';
    view.element.classList.toggle('new', marker?.kind === 'new');
    view.element.classList.toggle('changed', marker?.kind === 'changed');
    setText(view.label, label);
    view.cells[1].title = behavioural ? `${label} (${event.eventName})` : label;
    setText(view.badgeText, behavioural ? 'behavioural' : 'transactional');
    view.badge.className = behavioural ? 'kind-badge behavioural' : 'kind-badge transactional';
    setText(view.uniqueId, event.uniqueId);
    view.cells[2].title = event.uniqueId;
    setText(view.eventDate, formatApiDate(event.eventDate));
    setText(view.processedDate, formatApiDate(event.eventProcessedDate));
    // Lag is derived only for rendered rows: two date parses per visible row instead of 100,000 up front.
    const lag = processingLagSeconds(event);
    const lagText = formatLag(lag);
    setText(view.lagText, lagText);
    view.lag.classList.toggle('high', isHighLag(lag, this.lagWarningSeconds));
    view.cells[4].title = lagText === '' ? event.eventProcessedDate : `${event.eventProcessedDate} (lag ${lagText})`;
    setText(view.value, formatDecimalText(event.targetValue));
    view.cells[5].title = event.targetValue;
    const flags = model.flags[eventIndex];
    setText(view.flagText, flags ? `⚑ ${flags.map((flag) => flagLabels[flag]).join(' · ')}` : '');
    view.flagBadge.hidden = !flags;
    view.cells[1].title = flags ? `${view.cells[1].title}\nFlags: ${flags.map((flag) => flagLabels[flag]).join(', ')}` : view.cells[1].title;
    setText(view.runningTotal, formatDecimalText(model.runningTotal(eventIndex)));
    view.crossing.hidden = this.periods[model.groupOfEvent[eventIndex]]?.crossingEventLogId !== event.eventLogId;
    view.element.classList.toggle('flagged', flags !== undefined);
    return view;
  }

  private takeGroup(className = 'grid-row group-row'): GroupRowView {
    const recycled = this.freeGroups.pop();
    if (recycled) return recycled;
    const chevron = h('span', { className: 'chevron', attrs: { 'aria-hidden': 'true' } });
    const periodLabel = h('span', { className: 'group-period' }, 'Period ');
    const periodStrong = h('strong');
    periodLabel.append(periodStrong);
    const status = h('span', { className: 'period-status' });
    const targetGroup = h('span', { className: 'group-target' }, 'target group ');
    const count = h('span', { className: 'count-badge group-count' });
    const span = h('span', { className: 'group-span' });
    const lag = h('span', { className: 'lag' });
    const info = h(
      'div',
      { className: 'grid-cell group-info', attrs: { role: 'gridcell', 'aria-colindex': '1', 'aria-colspan': '5' } },
      chevron,
      periodLabel,
      status,
      targetGroup,
      count,
      span,
      lag,
    );
    const sumCell = h('div', {
      className: 'grid-cell col-targetValue numeric group-sum',
      attrs: { role: 'gridcell', 'aria-colindex': '6' },
    });
    const shownSum = h('span', { className: 'shown-sum' });
    const sumLabel = h('span', { className: 'sum-label' });
    sumCell.append(shownSum, sumLabel);
    const element = h('div', { className, attrs: { role: 'row', 'aria-level': '1' } }, info, sumCell);
    return {
      kind: 'group',
      element,
      periodId: textSlot(periodStrong),
      targetGroup,
      targetGroupId: textSlot(targetGroup),
      count: textSlot(count),
      span: textSlot(span),
      lag,
      lagText: textSlot(lag),
      shownSum: textSlot(shownSum),
      sumLabel: textSlot(sumLabel),
      sum: textSlot(sumCell),
      sumCell,
      status,
      statusText: textSlot(status),
    };
  }

  private fillGroup(view: GroupRowView, groupIndex: number): GroupRowView {
    const group = this.model!.groups[groupIndex];
    const expanded = this.isExpanded(groupIndex);
    view.element.setAttribute('aria-expanded', String(expanded));
    view.element.dataset.group = String(groupIndex);
    setText(view.periodId, group.periodId);
    setText(view.targetGroupId, group.targetGroupId);
    view.targetGroup.title = `target group ${group.targetGroupId}`;
    const matches = this.result.matchesByGroup[groupIndex];
    setText(
      view.count,
      this.filtering ? `${formatCount(matches)} of ${plural(group.count, 'event')}` : plural(group.count, 'event'),
    );
    const period = this.periods[groupIndex];
    setText(view.statusText, period?.status ?? '');
    view.status.hidden = !period?.status;
    // With the target's calendar, the period's window says more than the span of its events.
    setText(view.span, period && windowText(period) ? windowText(period) : formatDateSpan(group.firstEventDate, group.lastEventDate));
    view.element.title = period ? periodDetails(period) : '';
    const lag = group.maxProcessingLagSeconds;
    const lagText = lag !== null && lag > 0 ? formatLag(lag) : '';
    setText(view.lagText, lagText === '' ? '' : `max lag ${lagText}`);
    view.lag.title = lagText === '' ? '' : `Largest processing lag in the period: ${lagText}`;
    view.lag.classList.toggle('high', lag !== null && lag > 0 && isHighLag(lag, this.lagWarningSeconds));
    // While filtering, the sum of the shown events stands beside the period's, so that neither is mistaken for the other.
    setText(view.shownSum, this.filtering ? `Σ shown ${formatDecimalText(this.shownSum(groupIndex))} · ` : '');
    setText(view.sumLabel, `${this.filtering ? 'Σ period' : 'Σ'}${this.partial ? ' so far' : ''} `);
    setText(view.sum, formatDecimalText(group.totalTargetValue));
    view.sumCell.title = this.filtering
      ? `Σ targetValue of the ${plural(matches, 'event')} shown: ${this.shownSum(groupIndex)}; of all ${plural(group.count, 'event')} in period ${group.periodId}: ${group.totalTargetValue}`
      : `Σ targetValue of all ${plural(group.count, 'event')} in period ${group.periodId}: ${group.totalTargetValue}`;
    return view;
  }

  private takeProgress(): ProgressRowView {
    const recycled = this.freeProgress.pop();
    if (recycled) return recycled;
    const fill = h('div', { className: 'progress-fill' });
    const bar = h('div', { className: 'progress-bar', attrs: { role: 'img' } }, fill);
    const figures = h('span', { className: 'progress-figures' });
    const verdict = h('span', { className: 'verdict' });
    const reason = h('span', { className: 'verdict-reason' });
    const milestones = h('span', { className: 'milestones' });
    const cell = h(
      'div',
      { className: 'grid-cell progress-info', attrs: { role: 'gridcell', 'aria-colindex': '1', 'aria-colspan': String(columns.length) } },
      bar,
      verdict,
      figures,
      reason,
      milestones,
    );
    const element = h('div', { className: 'grid-row progress-row', attrs: { role: 'row', 'aria-level': '2' } }, cell);
    return {
      kind: 'progress',
      element,
      cell,
      figures: textSlot(figures),
      fill,
      bar,
      verdict,
      verdictText: textSlot(verdict),
      reason: textSlot(reason),
      milestones: textSlot(milestones),
    };
  }

  private fillProgress(view: ProgressRowView, groupIndex: number): ProgressRowView {
    const period = this.periods[groupIndex];
    view.element.dataset.group = String(groupIndex);
    if (!period) {
      setText(view.figures, 'No target progress for this period');
      setText(view.verdictText, '');
      setText(view.reason, '');
      setText(view.milestones, '');
      view.bar.hidden = true;
      view.cell.title = '';
      return view;
    }
    // Most telling first: the verdict, the figures, why; milestones last, where a narrow panel cuts them short.
    const figures = [`goal ${formatFigure(period.goal)}`, `achieved ${formatFigure(period.achieved)}`, `Σ ${formatDecimalText(period.eventsSum)}`, goalText(period), ...streakTexts(period)];
    setText(view.figures, figures.filter((part) => part !== '').join(' · '));
    setText(view.verdictText, verdictText(period));
    view.verdict.className = `verdict ${period.verdict}`;
    setText(view.reason, period.reasons.join(' · '));
    setText(view.milestones, milestoneTexts(period).join(' · '));
    const share = progressShare(period);
    view.bar.hidden = share === undefined;
    view.fill.style.width = `${Math.round((share ?? 0) * 100)}%`;
    view.bar.setAttribute('aria-label', share === undefined ? '' : `${Math.round((share ?? 0) * 100)}% of the goal`);
    view.cell.title = periodDetails(period);
    return view;
  }

  private isExpanded(groupIndex: number): boolean {
    return !this.callbacks.isCollapsed(groupIndex);
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
    if (row < 0 && !isProgressRow(row)) this.callbacks.onToggleGroup(groupIndexOfRow(row));
  }

  private onRightClick(event: MouseEvent): void {
    const index = this.rowIndexOf(event.target);
    if (index === undefined || this.result.rows[index] < 0) return;
    event.preventDefault();
    const [start, end] = this.selectionRange();
    // A right-click inside the selection keeps it, so that the menu can act on all of it.
    if (index < start || index > end) this.focusRow(index);
    this.callbacks.onContextMenu(this.result.rows[index], event.clientX, event.clientY);
  }

  private onKeyDown(event: KeyboardEvent): void {
    if ((event.target as HTMLElement).closest('.grid-head')) return;
    const rows = this.result.rows;
    if (rows.length === 0) return;
    const index = this.activeRow;
    const row = rows[index];
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'c') {
      event.preventDefault();
      this.callbacks.onCopySelection();
      return;
    }
    if (event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')) {
      event.preventDefault();
      const box = this.rendered.get(index)?.element.getBoundingClientRect();
      if (row >= 0 && box) this.callbacks.onContextMenu(row, box.left + 48, box.bottom);
      return;
    }
    if (event.key === 'Enter' && row >= 0) {
      event.preventDefault();
      this.callbacks.onOpenDetails(row);
      return;
    }
    const page = Math.max(1, Math.floor(this.element.clientHeight / ROW_HEIGHT) - 2);
    let target: number | undefined;
    switch (event.key) {
      case 'ArrowDown':
        target = index + 1;
        break;
      case 'ArrowUp':
        target = index - 1;
        break;
      case 'PageDown':
        target = index + page;
        break;
      case 'PageUp':
        target = index - page;
        break;
      case 'Home':
        target = 0;
        break;
      case 'End':
        target = rows.length - 1;
        break;
      case 'ArrowLeft':
        if (isProgressRow(row)) target = this.rowOfGroup(groupIndexOfRow(row));
        else if (row < 0 && this.isExpanded(groupIndexOfRow(row))) this.callbacks.onToggleGroup(groupIndexOfRow(row), false);
        else if (row >= 0) target = this.rowOfGroup(this.model!.groupOfEvent[row]);
        break;
      case 'ArrowRight':
        if (row < 0 && !this.isExpanded(groupIndexOfRow(row))) this.callbacks.onToggleGroup(groupIndexOfRow(row), true);
        else if (row < 0 && index + 1 < rows.length && (rows[index + 1] >= 0 || isProgressRow(rows[index + 1]))) target = index + 1;
        break;
      case 'Enter':
      case ' ':
        if (row < 0) this.callbacks.onToggleGroup(groupIndexOfRow(row));
        break;
      default:
        return;
    }
    event.preventDefault();
    this.focusRow(target ?? this.activeRow, event.shiftKey && target !== undefined);
  }
}

function emptyRows(): RowsResult {
  return { rows: new Int32Array(0), matchesByGroup: new Int32Array(0), matchingEvents: 0, matched: new Int32Array(0), matchStarts: new Int32Array(0) };
}

/** What an element's content needs, padding included, whatever width its column gives it now. */
function contentWidthOf(element: HTMLElement): number {
  const range = document.createRange();
  range.selectNodeContents(element);
  const style = getComputedStyle(element);
  return range.getBoundingClientRect().width + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
}

/** Capillary's achieved value as a share of the goal (0..1), for the progress bar; undefined without both. */
export function progressShare(period: PeriodReconciliation): number | undefined {
  const goal = Number(period.goal);
  const achieved = Number(period.achieved);
  if (period.goal === undefined || period.achieved === undefined || !(goal > 0) || Number.isNaN(achieved)) return undefined;
  return Math.min(1, Math.max(0, achieved / goal));
}
