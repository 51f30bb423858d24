// The virtualized tree grid: fixed-height rows, only the visible ones (plus a little overscan) in the DOM,
// row elements recycled as the view scrolls. Positions and heights are set through the CSSOM (element.style),
// which the webview's CSP allows, unlike style attributes in markup.
import type { PeriodReconciliation } from '../src/api/reconcile';
import { flagLabels, goalText, milestoneTexts, periodDetails, streakTexts, verdictText, windowText } from '../src/shared/progressText';
import { formatLag, isHighLag, processingLagSeconds } from '../src/shared/rules';
import { h, setText, textSlot } from './dom';
import { formatApiDate, formatCount, formatDateSpan } from './format';
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
  targetGroupId: Text;
  count: Text;
  span: Text;
  lag: HTMLElement;
  lagText: Text;
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
}

export class VirtualTable {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly headerCells = new Map<ColumnId, HTMLElement>();
  private model?: TableModel;
  private result: RowsResult = { rows: new Int32Array(0), matchesByGroup: new Int32Array(0), matchingEvents: 0 };
  private filtering = false;
  private readonly rendered = new Map<number, RowView>();
  private readonly freeEvents: EventRowView[] = [];
  private readonly freeGroups: GroupRowView[] = [];
  private readonly freeProgress: ProgressRowView[] = [];
  /** Each group's reconciliation, when the target progress is known. */
  private periods: ReadonlyArray<PeriodReconciliation | undefined> = [];
  private activeRow = 0;
  private readonly resizeObserver: ResizeObserver;

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
      const cell = h(
        'div',
        {
          className: `grid-cell col-${column.id}${column.numeric ? ' numeric' : ''}`,
          attrs: { role: 'columnheader', 'aria-sort': 'none', 'aria-colindex': String(index + 1) },
        },
        button,
      );
      this.headerCells.set(column.id, cell);
      headerRow.append(cell);
    });
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
      h('div', { className: 'grid-head', attrs: { role: 'rowgroup' } }, headerRow),
      this.body,
    );
    this.element.style.setProperty('--row-height', `${ROW_HEIGHT}px`);
    this.element.addEventListener('scroll', () => this.render(), { passive: true });
    this.element.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.body.addEventListener('click', (event) => this.onClick(event));
    this.resizeObserver = new ResizeObserver(() => this.render());
    this.resizeObserver.observe(this.element);
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
    if (this.model && model !== this.model) {
      const key = this.activeRowKey();
      const moved = key === undefined ? -1 : this.rowOfKey(model, result.rows, key);
      if (moved >= 0) this.activeRow = moved;
    }
    this.model = model;
    this.result = result;
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
    const rowHadFocus = this.body.contains(document.activeElement);
    for (const view of this.rendered.values()) this.release(view);
    this.rendered.clear();
    this.render();
    // A collapse or sort started from a row keeps the keyboard on that row.
    if (rowHadFocus) this.rendered.get(this.activeRow)?.element.focus({ preventScroll: true });
  }

  /** Row index (in the current list) of a group's header, or -1 when it is filtered out. */
  private rowOfGroup(groupIndex: number): number {
    return this.result.rows.indexOf(-groupIndex - 1);
  }

  /** Moves keyboard focus to a row, scrolling it into view. */
  focusRow(index: number): void {
    if (this.result.rows.length === 0) return;
    this.activeRow = Math.max(0, Math.min(index, this.result.rows.length - 1));
    const top = this.activeRow * ROW_HEIGHT;
    const viewport = this.element.clientHeight - ROW_HEIGHT;
    if (top < this.element.scrollTop) this.element.scrollTop = top;
    else if (top + ROW_HEIGHT > this.element.scrollTop + viewport) {
      this.element.scrollTop = top + ROW_HEIGHT - viewport;
    }
    this.render();
    this.rendered.get(this.activeRow)?.element.focus({ preventScroll: true });
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
    for (const [index, view] of this.rendered) {
      if (index < first || index > last) {
        this.release(view);
        this.rendered.delete(index);
      }
    }
    const fresh: HTMLElement[] = [];
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
    setText(view.lagText, formatLag(lag));
    view.lag.classList.toggle('high', isHighLag(lag));
    setText(view.value, event.targetValue);
    const flags = model.flags[eventIndex];
    setText(view.flagText, flags ? `⚑ ${flags.map((flag) => flagLabels[flag]).join(' · ')}` : '');
    view.flagBadge.hidden = !flags;
    view.cells[1].title = flags ? `${view.cells[1].title}\nFlags: ${flags.map((flag) => flagLabels[flag]).join(', ')}` : view.cells[1].title;
    setText(view.runningTotal, model.runningTotal(eventIndex));
    view.crossing.hidden = this.periods[model.groupOfEvent[eventIndex]]?.crossingEventLogId !== event.eventLogId;
    view.element.classList.toggle('flagged', flags !== undefined);
    return view;
  }

  private takeGroup(): GroupRowView {
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
    const sumLabel = h('span', { className: 'sum-label' }, 'Σ ');
    sumCell.append(sumLabel);
    const element = h('div', { className: 'grid-row group-row', attrs: { role: 'row', 'aria-level': '1' } }, info, sumCell);
    return {
      kind: 'group',
      element,
      periodId: textSlot(periodStrong),
      targetGroupId: textSlot(targetGroup),
      count: textSlot(count),
      span: textSlot(span),
      lag,
      lagText: textSlot(lag),
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
    const matches = this.result.matchesByGroup[groupIndex];
    const events = group.count === 1 ? 'event' : 'events';
    setText(
      view.count,
      this.filtering ? `${formatCount(matches)} of ${formatCount(group.count)} ${events}` : `${formatCount(group.count)} ${events}`,
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
    view.lag.classList.toggle('high', lag !== null && lag > 0 && isHighLag(lag));
    setText(view.sum, group.totalTargetValue);
    view.sumCell.title = `Σ targetValue of all ${group.count} events in period ${group.periodId}, whatever the filter`;
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
    const figures = [`goal ${period.goal ?? '—'}`, `achieved ${period.achieved ?? '—'}`, `Σ ${period.eventsSum}`, goalText(period), ...streakTexts(period)];
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
    this.focusRow(index);
    const row = this.result.rows[index];
    if (row < 0 && !isProgressRow(row)) this.callbacks.onToggleGroup(groupIndexOfRow(row));
  }

  private onKeyDown(event: KeyboardEvent): void {
    if ((event.target as HTMLElement).closest('.grid-head')) return;
    const rows = this.result.rows;
    if (rows.length === 0) return;
    const index = this.activeRow;
    const row = rows[index];
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
    this.focusRow(target ?? this.activeRow);
  }
}

/** Capillary's achieved value as a share of the goal (0..1), for the progress bar; undefined without both. */
export function progressShare(period: PeriodReconciliation): number | undefined {
  const goal = Number(period.goal);
  const achieved = Number(period.achieved);
  if (period.goal === undefined || period.achieved === undefined || !(goal > 0) || Number.isNaN(achieved)) return undefined;
  return Math.min(1, Math.max(0, achieved / goal));
}
