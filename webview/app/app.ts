// The table app: turns the extension's messages into screens and the user's actions into messages.
import { PeriodGrouper } from '../../src/shared/grouping';
import type { ComparisonInfo, ExtensionToWebview, FetchInfo, LookupInfo, ProgressInfo, ShownData, TableData } from '../../src/shared/messages';
import { listedPeriods } from '../../src/shared/listedPeriods';
import { eventsToTsv, eventToJson, lookupToJson } from '../../src/export/format';
import { flagLabels } from '../../src/shared/targetProgressText';
import { NO_EVENTS_CODE, processingLagSeconds } from '../../src/shared/rules';
import { progressChart } from '../views/chart';
import { compareView, removedList } from '../views/compareView';
import { ContextMenu } from '../views/contextMenu';
import { detailFields, detailsDialog } from '../views/details';
import { h } from '../dom';
import { formatCount, formatDecimalText, formatLag, formatLocalDateTime } from '../../src/shared/display';
import { ExtensionClient, type RequestMessage } from './messaging';
import { TableModel } from '../table/model';
import { TableViewState } from './state';
import { VirtualTable, type RowMarker } from '../table/virtualTable';
import {
  button,
  cancelledView,
  errorView,
  fetchBanner,
  loadingView,
  lookupTitle,
  noEventsView,
  progressNotice,
  summaryLine,
  warningsList,
} from '../views/views';

/** While rows are added, the table is painted again at most this often. */
const GROWING_PAINT_MILLIS = 500;
/** How long a reply's status line stays up. */
const STATUS_MILLIS = 8000;
/** The event filter lists at most this many labels (most frequent first); the text filter covers the rest. */
const MAX_EVENT_LABEL_OPTIONS = 200;

interface Action {
  label: string;
  request: RequestMessage;
  done: string;
}

const actions: readonly Action[] = [
  { label: 'Export CSV', request: { type: 'export', format: 'csv' }, done: 'Exported CSV' },
  { label: 'Export JSON', request: { type: 'export', format: 'json' }, done: 'Exported JSON' },
  { label: 'Copy as cURL', request: { type: 'copyCurl' }, done: 'Copied the cURL command' },
  { label: 'Open raw JSON', request: { type: 'openRawJson' }, done: 'Opened the raw JSON' },
];

type Push = Extract<ExtensionToWebview, { type: 'state' }>;
type Rows = Extract<ShownData, { kind: 'rows' }>;

/** A model as some view was made from it: the model grows in place as rows are added. */
interface ModelExtent {
  model: TableModel;
  events: number;
}

function covers(extent: ModelExtent | undefined, model: TableModel): boolean {
  return extent?.model === model && extent.events === model.events.length;
}

export class App {
  private readonly client: ExtensionClient;
  private readonly viewState = new TableViewState();
  /** The events on screen and the model built from them. */
  private data?: TableData;
  /** The grouping of events that came as rows (a fetch's pages as they arrived); its groups are `data.groups`. */
  private grouper?: PeriodGrouper;
  private model?: TableModel;
  private periodIds: string[] = [];
  /** Rows changed by the lookup's latest change, by eventLogId. */
  private markers = new Map<string, RowMarker>();
  /** The latest fetch's state, painted with the events (see scheduleGrowingPaint). */
  private shownFetch: FetchInfo = { phase: 'idle' };
  /** A paint of rows and progress that came while pages arrive, waiting for its turn (see scheduleGrowingPaint). */
  private growingPaintTimer?: number;
  private lastGrowingPaint = 0;
  /** The model and its event count when its rows were last laid out: rows added since need another layout. */
  private laidOut?: ModelExtent;
  /** The model and its event count the period list, flagged count and event filter were filled from. */
  private viewsFrom?: ModelExtent;
  /** The compare view, over the table until closed. */
  private readonly compareScreen = h('div', { className: 'compare-screen', attrs: { hidden: '' } });
  /** The target progress beside the events on screen. */
  private progress: ProgressInfo = { status: 'loading' };
  private loadingView?: HTMLElement;
  private readonly chartArea = h('div', { className: 'chart-area' });
  /** Loading, error and empty screens. */
  private readonly stateArea = h('div', { className: 'state-area' });
  /**
   * The table screen is built once, at startup, and only refilled per lookup: the toolkit controls in it are
   * costly to create the first time, and the wait for the first data is the moment to pay for that.
   */
  private readonly dataScreen = h('div', { className: 'data-screen', attrs: { hidden: '' } });
  private readonly title = h('h1', { className: 'title' });
  private readonly notices = h('div', { className: 'notices' });
  private readonly filterText = h('vscode-text-field', {
    className: 'filter-text',
    attrs: { placeholder: 'Filter by any field', 'aria-label': 'Filter events by any field' },
  }) as HTMLElement & { value: string };
  private readonly eventFilter = h('vscode-dropdown', {
    className: 'filter-event',
    attrs: { 'aria-label': 'Filter by event' },
  }) as HTMLElement & { value: string };
  private readonly matchCount = h('span', { className: 'match-count', attrs: { 'aria-live': 'polite' } });
  private readonly flaggedOnly = h('input', { className: 'flagged-only', attrs: { type: 'checkbox', id: 'flagged-only' } });
  private readonly flaggedLabel = h('label', { className: 'flagged-filter', attrs: { for: 'flagged-only' } });
  private readonly status = h('p', { className: 'status', attrs: { role: 'status', 'aria-live': 'polite' } });
  private statusTimer?: number;
  private readonly table = new VirtualTable({
    onToggleGroup: (groupIndex, expand) => this.toggleGroup(groupIndex, expand),
    onSort: (column) => {
      this.viewState.toggleSort(column);
      this.applyRows();
    },
    isCollapsed: (groupIndex) => this.viewState.isCollapsed(this.periodIds[groupIndex]),
    markerOf: (eventIndex) => (this.markers.size === 0 ? undefined : this.markers.get(this.model!.events[eventIndex].eventLogId)),
    onColumnWidthsChange: (widths) => this.client.saveColumnWidths(widths),
    onOpenDetails: (eventIndex) => this.openDetails(eventIndex),
    onCopySelection: () => this.copySelection('tsv'),
    onContextMenu: (eventIndex, x, y) => this.openRowMenu(eventIndex, x, y),
  });
  private readonly contextMenu: ContextMenu;
  /** The open details dialog and the element to give the keyboard back to when it closes. */
  private details?: { dialog: HTMLElement; returnFocus: HTMLElement | null };

  constructor(private readonly root: HTMLElement) {
    this.client = new ExtensionClient((message) => (message.type === 'comparison' ? this.showComparison(message.comparison) : this.onMessage(message)));
    this.table.setColumnWidths(this.client.savedColumnWidths);
    this.contextMenu = new ContextMenu(this.root);
    document.addEventListener('keydown', (event) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'f' && !this.dataScreen.hidden) {
        event.preventDefault();
        this.filterText.focus();
      }
    });
    this.stateArea.append(h('section', { className: 'state-view' }, h('vscode-progress-ring')));
    this.filterText.addEventListener('input', () => {
      this.viewState.filterText = this.filterText.value ?? '';
      this.applyRows();
      this.table.scrollToStart();
    });
    this.eventFilter.addEventListener('change', () => {
      this.viewState.eventLabel = this.eventFilter.value ?? '';
      this.applyRows();
      this.table.scrollToStart();
    });
    this.flaggedOnly.addEventListener('change', () => {
      this.viewState.flaggedOnly = this.flaggedOnly.checked;
      this.applyRows();
      this.table.scrollToStart();
    });
    this.dataScreen.append(
      this.toolbar(),
      this.notices,
      this.chartArea,
      h(
        'div',
        { className: 'filters' },
        this.filterText,
        this.eventFilter,
        h('span', { className: 'flagged-toggle' }, this.flaggedOnly, this.flaggedLabel),
        this.matchCount,
        h('span', { className: 'spacer' }),
        button('Expand all', () => this.setAllCollapsed(false)),
        button('Collapse all', () => this.setAllCollapsed(true)),
      ),
      this.status,
      this.table.element,
    );
    this.root.replaceChildren(this.stateArea, this.dataScreen, this.compareScreen);
  }

  start(): void {
    this.client.post({ type: 'ready' });
  }

  private onMessage(message: Push): void {
    this.client.saveLookup(message.lookup);
    const { shown, fetch } = message;
    const progressChanged = message.progress.status !== 'unchanged';
    if (message.progress.status !== 'unchanged') this.progress = message.progress;
    const hadData = this.data !== undefined;
    if (shown.kind === 'new') {
      this.grouper = undefined;
      this.setData(shown.data);
    }
    if (shown.kind === 'none') this.data = this.grouper = undefined;
    const rowsAdded = shown.kind === 'rows' && this.addRows(shown, progressChanged);
    const lagWarningChanged = this.table.setLagWarningSeconds(message.lagWarningSeconds);
    const sameEvents = shown.kind === 'unchanged' || (shown.kind === 'rows' && !rowsAdded);
    if (sameEvents && progressChanged && this.data) this.buildModel(this.data);
    if (sameEvents && (progressChanged || lagWarningChanged) && this.data) this.applyRows();
    if (!this.data) {
      this.showStateScreen(message.lookup, fetch);
      return;
    }
    this.shownFetch = fetch;
    const growing = !this.data.complete && fetch.phase === 'loading';
    if (growing && hadData && shown.kind !== 'new') this.scheduleGrowingPaint();
    else this.paintData(shown.kind === 'new' || !hadData);
  }

  /** The notices for the events on screen and the latest fetch, and the rows: `firstPaint` shows the table screen. */
  private paintData(firstPaint: boolean): void {
    window.clearTimeout(this.growingPaintTimer);
    this.growingPaintTimer = undefined;
    this.lastGrowingPaint = performance.now();
    const data = this.data;
    if (!data) return;
    const fetch = this.shownFetch;
    this.table.setPartial(!data.complete && fetch.phase === 'loading');
    const banner = fetchBanner(fetch, data, { onRetry: this.refresh, onCancel: this.cancel });
    const notices = [summaryLine(data), banner, progressNotice(this.progress, this.refresh), warningsList(data.warnings), removedList(data.changes)];
    replaceNotices(this.notices, notices.filter((notice): notice is HTMLElement => notice !== null));
    if (firstPaint) this.showDataScreen();
    else if (this.model && !covers(this.laidOut, this.model)) this.applyRows();
  }

  /**
   * While a fetch's pages arrive over rows already on screen, rows and progress are taken in at once but painted at
   * most every GROWING_PAINT_MILLIS: each paint costs a frame, and pages can come faster than a person reads.
   */
  private scheduleGrowingPaint(): void {
    if (this.growingPaintTimer !== undefined) return;
    const wait = this.lastGrowingPaint + GROWING_PAINT_MILLIS - performance.now();
    if (wait <= 0) this.paintData(false);
    else this.growingPaintTimer = window.setTimeout(() => this.paintData(false), wait);
  }

  /**
   * Rows of a set that grows while a fetch's pages arrive (or the rest of it once complete): grouped here with the
   * shared rule, taken in by the model in O(new rows). Returns whether rows were added.
   */
  private addRows(shown: Rows, progressChanged: boolean): boolean {
    const continues = shown.start > 0 && this.data !== undefined && shown.start === this.data.eventCount;
    if (!continues) {
      if (shown.start > 0) return false;
      this.grouper = new PeriodGrouper();
    }
    const grouper = this.grouper;
    if (grouper) grouper.add(shown.events);
    if (!grouper || shown.events.length === 0) {
      // The same events, told again with what is said about them (fetch time, warnings).
      if (this.data) this.data = { ...this.data, ...shown.info };
      return false;
    }
    const data: TableData = { ...shown.info, groups: grouper.groups };
    const model = this.model;
    // The model follows the grouper's live groups unless progress gave it the calendar's periods.
    if (continues && !progressChanged && model && model.groups === grouper.groups) {
      this.data = data;
      this.markers = markersOf(data);
      model.takeNewEvents();
      model.buildSearchIndexWhenIdle();
    } else this.setData(data);
    return true;
  }

  /** No events to show: the loading, error, empty or cancelled screen. */
  private showStateScreen(lookup: LookupInfo, fetch: FetchInfo): void {
    switch (fetch.phase) {
      case 'idle':
      case 'done':
      case 'loading':
        this.showLoading(loadingView(lookup, fetch.phase === 'loading' ? fetch.progress : undefined, this.cancel));
        return;
      case 'cancelled':
        this.showState(cancelledView(lookup, this.refresh));
        return;
      case 'failed':
        this.showState(
          fetch.error.code === NO_EVENTS_CODE ? noEventsView(lookup, fetch.error, this.refresh) : errorView(lookup, fetch.error, { onRetry: this.refresh, onSetCredentials: this.setCredentials }),
        );
        return;
    }
  }

  /**
   * Progress arrives with every page: only the progress line of a loading view already on screen changes, so
   * that its Cancel button stays put under the pointer.
   */
  private showLoading(view: HTMLElement): void {
    const onScreen = this.loadingView?.isConnected && !this.stateArea.hidden;
    const shownText = onScreen ? this.loadingView!.querySelector('.progress-text') : null;
    const newText = view.querySelector('.progress-text');
    if (shownText && newText) {
      shownText.textContent = newText.textContent;
      return;
    }
    this.showState(view);
    this.loadingView = view;
  }

  private showState(view: HTMLElement): void {
    this.loadingView = undefined;
    this.stateArea.replaceChildren(view);
    this.stateArea.hidden = this.comparing;
    this.dataScreen.hidden = true;
  }

  private get comparing(): boolean {
    return !this.compareScreen.hidden;
  }

  private showComparison(comparison: ComparisonInfo): void {
    this.compareScreen.replaceChildren(compareView(comparison, this.closeComparison));
    this.compareScreen.hidden = false;
    this.stateArea.hidden = true;
    this.dataScreen.hidden = true;
  }

  private closeComparison = (): void => {
    this.compareScreen.hidden = true;
    this.compareScreen.replaceChildren();
    if (this.data) this.dataScreen.hidden = false;
    else this.stateArea.hidden = false;
  };

  private refresh = (): void => this.client.post({ type: 'refresh' });
  private cancel = (): void => this.client.post({ type: 'cancel' });
  private setCredentials = (): void => this.client.post({ type: 'setCredentials' });

  private setData(data: TableData): void {
    this.data = data;
    this.markers = markersOf(data);
    const added = data.changes?.addedIds.length ?? 0;
    this.title.textContent = added > 0 ? `${lookupTitle(data.lookup)} · ${formatCount(added)} new` : lookupTitle(data.lookup);
    this.buildModel(data);
  }

  /** The listed periods (the target's calendar when its progress is known), their events and reconciliation. */
  private buildModel(data: TableData): void {
    const reconciliation = this.progress.status === 'ok' ? this.progress.reconciliation : undefined;
    const listed = listedPeriods(data.groups, reconciliation, data.lookup);
    // Without progress the listed periods are the groups themselves: the live list that grows with added rows.
    const model = new TableModel(reconciliation ? listed.map(({ group }) => group) : data.groups, reconciliation?.flags, reconciliation !== undefined);
    this.model = model;
    const chart = progressChart(listed, (groupIndex) => this.jumpToGroup(groupIndex));
    this.chartArea.replaceChildren(...(chart ? [chart] : []));
    this.table.setPeriods(listed.map(({ period }) => period));
    this.refreshModelViews(model);
  }

  /** What follows the model's periods and events: period IDs, the flagged count and the event filter. */
  private refreshModelViews(model: TableModel): void {
    this.viewsFrom = { model, events: model.events.length };
    this.periodIds = model.groups.map((group) => group.periodId);
    const flagged = model.flaggedCount;
    this.flaggedLabel.textContent = `Only flagged events (${formatCount(flagged)})`;
    this.flaggedOnly.disabled = flagged === 0 && !this.viewState.flaggedOnly;
    this.fillEventFilter(model);
  }

  /** Shows a period's header (expanding it), e.g. from the chart. */
  private jumpToGroup(groupIndex: number): void {
    this.viewState.setCollapsed(this.periodIds[groupIndex], false);
    this.applyRows();
    this.table.focusGroup(groupIndex);
  }

  private showDataScreen(): void {
    this.loadingView = undefined;
    this.stateArea.hidden = true;
    this.stateArea.replaceChildren();
    this.dataScreen.hidden = this.comparing;
    this.applyRows();
    this.model?.buildSearchIndexWhenIdle();
  }

  private toolbar(): HTMLElement {
    const buttons = actions.map((action) => {
      const element = button(action.label, () => void this.runAction(action, element));
      return element;
    });
    return h(
      'header',
      { className: 'toolbar' },
      this.title,
      h('div', { className: 'actions' }, button('Refresh', this.refresh, 'primary'), ...buttons),
    );
  }

  private fillEventFilter(model: TableModel): void {
    const labels = model.eventLabels().slice(0, MAX_EVENT_LABEL_OPTIONS);
    if (!labels.some(({ label }) => label === this.viewState.eventLabel)) this.viewState.eventLabel = '';
    const option = (value: string, label: string) => {
      // The dropdown cuts long names short: the title shows them whole.
      const element = h('vscode-option', { attrs: { value, title: label } }, label);
      if (value === this.viewState.eventLabel) element.setAttribute('selected', '');
      return element;
    };
    this.eventFilter.replaceChildren(
      option('', 'All events'),
      ...labels.map(({ label, count }) => option(label, `${label} (${formatCount(count)})`)),
    );
  }

  private applyRows(): void {
    const model = this.model;
    if (!model) return;
    if (!covers(this.viewsFrom, model)) this.refreshModelViews(model);
    this.laidOut = { model, events: model.events.length };
    const result = model.rows(this.viewState.viewOptions(this.periodIds));
    this.table.setRows(model, result, this.viewState.sort, this.viewState.filtering);
    this.matchCount.textContent = this.viewState.filtering
      ? `${formatCount(result.matchingEvents)} of ${formatCount(model.events.length)} events match`
      : '';
  }

  private toggleGroup(groupIndex: number, expand?: boolean): void {
    const periodId = this.periodIds[groupIndex];
    const collapse = expand === undefined ? !this.viewState.isCollapsed(periodId) : !expand;
    this.viewState.setCollapsed(periodId, collapse);
    this.applyRows();
  }

  private setAllCollapsed(collapsed: boolean): void {
    this.viewState.setAllCollapsed(this.periodIds, collapsed);
    this.applyRows();
  }

  /** Every field of an event, each copyable, over the table until Escape or Close. */
  private openDetails(eventIndex: number): void {
    const model = this.model!;
    const event = model.events[eventIndex];
    this.closeDetails();
    const fields = detailFields(event, [
      { name: 'event (as shown)', value: model.labels[eventIndex] },
      { name: 'processing lag', value: formatLag(processingLagSeconds(event)) },
      { name: 'Σ in period up to this event', value: formatDecimalText(model.runningTotal(eventIndex)) },
      { name: 'flags', value: (model.flags[eventIndex] ?? []).map((flag) => flagLabels[flag]).join(', ') },
    ]);
    const dialog = detailsDialog(event, fields, eventToJson(event), {
      onCopy: (text, what) => void this.copy(text, `Copied ${what}`),
      onClose: () => this.closeDetails(),
    });
    this.details = { dialog, returnFocus: document.activeElement as HTMLElement | null };
    this.root.append(dialog);
    dialog.focus();
  }

  private closeDetails(): void {
    if (!this.details) return;
    const { dialog, returnFocus } = this.details;
    this.details = undefined;
    dialog.remove();
    if (returnFocus?.isConnected) returnFocus.focus({ preventScroll: true });
  }

  private openRowMenu(eventIndex: number, x: number, y: number): void {
    const model = this.model!;
    const event = model.events[eventIndex];
    const selected = this.table.selectedEvents();
    const several = selected.length > 1 && selected.includes(eventIndex);
    const rows = several ? `${formatCount(selected.length)} rows` : 'row';
    this.contextMenu.open(
      [
        { label: `Copy ${rows} as JSON`, run: () => (several ? this.copySelection('json') : void this.copy(eventToJson(event), 'Copied the row as JSON')) },
        { label: `Copy ${rows} as TSV`, run: () => (several ? this.copySelection('tsv') : void this.copy(eventsToTsv([event]), 'Copied the row as TSV')) },
        { label: 'Copy eventLogId', run: () => void this.copy(event.eventLogId, `Copied eventLogId ${event.eventLogId}`) },
        { label: 'Copy uniqueId', run: () => void this.copy(event.uniqueId, `Copied uniqueId ${event.uniqueId}`) },
        { label: 'Filter to this event name', run: () => this.filterToEventLabel(model.labels[eventIndex]) },
      ],
      x,
      y,
    );
  }

  private filterToEventLabel(label: string): void {
    this.viewState.eventLabel = label;
    this.eventFilter.value = label;
    this.applyRows();
    this.table.scrollToStart();
  }

  /** The selected event rows, as TSV (Ctrl/Cmd+C) or JSON (the row menu), with exact values. */
  private copySelection(format: 'tsv' | 'json'): void {
    const model = this.model;
    const events = model ? this.table.selectedEvents().map((eventIndex) => model.events[eventIndex]) : [];
    if (events.length === 0) {
      this.setStatus('Select event rows to copy them', false);
      return;
    }
    const rows = events.length === 1 ? 'row' : `${formatCount(events.length)} rows`;
    const text = format === 'tsv' ? eventsToTsv(events) : events.length === 1 ? eventToJson(events[0]) : lookupToJson(events);
    void this.copy(text, `Copied ${rows} as ${format.toUpperCase()}`);
  }

  /** The extension writes the clipboard: a webview's navigator.clipboard may be refused. */
  private async copy(text: string, done: string): Promise<void> {
    const reply = await this.client.request({ type: 'copy', text });
    this.setStatus(reply.ok ? done : `Copy failed: ${reply.message || 'no reason given'}`, !reply.ok);
  }

  private async runAction(action: Action, element: HTMLElement): Promise<void> {
    element.setAttribute('disabled', '');
    try {
      const reply = await this.client.request(action.request);
      this.setStatus(reply.ok ? reply.message || action.done : `${action.label} failed: ${reply.message || 'no reason given'}`, !reply.ok);
    } finally {
      element.removeAttribute('disabled');
    }
  }

  private setStatus(text: string, isError: boolean): void {
    this.status.textContent = text;
    this.status.classList.toggle('error', isError);
    window.clearTimeout(this.statusTimer);
    this.statusTimer = window.setTimeout(() => {
      this.status.textContent = '';
    }, STATUS_MILLIS);
  }
}

function markersOf(data: TableData): Map<string, RowMarker> {
  const markers = new Map<string, RowMarker>();
  const changes = data.changes;
  if (!changes) return markers;
  const since = `since the fetch of ${formatLocalDateTime(changes.since)}`;
  for (const id of changes.addedIds) markers.set(id, { kind: 'new', title: `New ${since}` });
  for (const { eventLogId, fields } of changes.changed) markers.set(eventLogId, { kind: 'changed', title: `Changed ${since}: ${fields.join(', ')}` });
  return markers;
}

/**
 * Puts the notices in place. One already on screen with the same elements and attributes (other texts allowed) is
 * kept and takes the new texts: progress and counts arrive with every page, and a kept banner's Cancel button stays
 * put under the pointer while only texts change, not the layout of the notices.
 */
function replaceNotices(container: HTMLElement, notices: HTMLElement[]): void {
  const shown = [...container.children] as HTMLElement[];
  const kept = notices.map((notice, index) => {
    const old = shown[index];
    if (!old || old === notice || !sameShape(old, notice)) return notice;
    takeTexts(old, notice);
    return old;
  });
  if (kept.length === shown.length && kept.every((notice, index) => notice === shown[index])) return;
  container.replaceChildren(...kept);
}

/**
 * The same tags, classes and attributes all the way down, texts aside (only in elements without element children).
 * A toolkit element's attributes are left out: it sets some of its own once on screen.
 */
function sameShape(a: Element, b: Element): boolean {
  if (a.tagName !== b.tagName || a.className !== b.className || a.children.length !== b.children.length) return false;
  if (!a.tagName.includes('-')) {
    const names = a.getAttributeNames();
    if (names.length !== b.getAttributeNames().length || names.some((name) => a.getAttribute(name) !== b.getAttribute(name))) return false;
  }
  if (a.children.length === 0) return true;
  const directText = (element: Element) => [...element.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => node.textContent).join('');
  return directText(a) === directText(b) && [...a.children].every((child, index) => sameShape(child, b.children[index]));
}

function takeTexts(target: Element, from: Element): void {
  if (from.children.length === 0) {
    if (target.textContent !== from.textContent) target.textContent = from.textContent;
    return;
  }
  [...from.children].forEach((child, index) => takeTexts(target.children[index], child));
}
