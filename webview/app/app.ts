// The table app: turns the extension's messages into screens and the user's actions into messages. Its state is
// one object (state.ts) that pure functions change (update.ts); the rows come as one stream (rowStream.ts).
import type { ComparisonInfo, ExtensionToWebview, FetchInfo, LookupInfo, TableData } from '../../src/shared/messages';
import { listedPeriods } from '../../src/shared/listedPeriods';
import { NO_EVENTS_CODE } from '../../src/shared/rules';
import { replaceChart } from '../views/chart';
import { compareView, removedList } from '../views/compareView';
import { h } from '../dom';
import type { PeriodSummary, TrackedTargetEvent } from '../../src/shared/domain';
import { formatCount } from '../../src/shared/display';
import { ExplainController } from './explain';
import { ExtensionClient } from './messaging';
import { clearFilterOnEscape } from './filterKeys';
import { actions, RowActions } from './rowActions';
import { TableModel } from '../table/model';
import { markersOf, replaceNotices } from './notices';
import { RowGroups } from './rowGroups';
import type { RowsReceived } from './rowStream';
import { initialState, type AppState, type ViewSettings } from './state';
import { isFiltering, receiveState, setAllCollapsed, setCollapsed, toggleSort, viewOptions } from './update';
import { VirtualTable, type RowMarker } from '../table/virtualTable';
import { button, cancelledView, errorView, fetchBanner, loadingView, lookupTitle, noEventsView, progressNotice as targetProgressNotice, summaryLine, warningsList } from '../views/views';

/** While rows are added, the table is painted again at most this often. */
const GROWING_PAINT_MILLIS = 500;
/** The event filter lists at most this many labels (most frequent first); the text filter covers the rest. */
const MAX_EVENT_LABEL_OPTIONS = 200;

type StateMessage = Extract<ExtensionToWebview, { type: 'state' }>;
type Push = Exclude<ExtensionToWebview, { type: 'reply' }>;

/** A model as some view was made from it (the model's number, see `modelNumber`): it grows in place as rows are added. */
interface ModelExtent {
  model: number;
  events: number;
}

export class App {
  private readonly client: ExtensionClient;
  private state: AppState = initialState;
  /** The rows held under their periods; its groups grow in place as rows are appended. */
  private rowGroups?: RowGroups;
  private model?: TableModel;
  /** Counts the models built, so that a view can tell which model it was made from. */
  private modelNumber = 0;
  /** Whether the model's groups are the row groups' own (no target progress listed other periods): it takes new rows in. */
  private modelFollowsRows = false;
  private periodIds: string[] = [];
  /** Rows changed by the lookup's latest change, by eventLogId. */
  private markers = new Map<string, RowMarker>();
  /** A paint of rows and progress that came while pages arrive, waiting for its turn (see scheduleGrowingPaint). */
  private growingPaintTimer?: number;
  private lastGrowingPaint = 0;
  /** The model and its event count when its rows were last laid out: rows added since need another layout. */
  private laidOut?: ModelExtent;
  /** The model and its event count the period list, flagged count and event filter were filled from. */
  private viewsFrom?: ModelExtent;
  /** The compare view, over the table until closed. */
  private readonly compareScreen = h('div', { className: 'compare-screen', attrs: { hidden: '' } });
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
  private readonly table = new VirtualTable({
    onToggleGroup: (groupIndex, expand) => this.toggleGroup(groupIndex, expand),
    onSort: (column) => {
      this.setView(toggleSort(this.state.view, column));
      this.applyRows();
    },
    isCollapsed: (groupIndex) => this.state.view.collapsedPeriods.has(this.periodIds[groupIndex]),
    markerOf: (eventIndex) => (this.markers.size === 0 ? undefined : this.markers.get(this.model!.events[eventIndex].eventLogId)),
    onColumnWidthsChange: (widths) => this.client.saveColumnWidths(widths),
    onOpenDetails: (eventIndex) => this.rowActions.openDetails(eventIndex),
    onCopySelection: () => this.rowActions.copySelection('tsv'),
    onContextMenu: (eventIndex, x, y) => this.rowActions.openRowMenu(eventIndex, x, y),
  });
  private readonly rowActions: RowActions;
  private readonly explain: ExplainController;

  constructor(private readonly root: HTMLElement) {
    this.client = new ExtensionClient((message) => this.onMessage(message));
    this.table.setColumnWidths(this.client.savedColumnWidths);
    this.rowActions = new RowActions({
      root: this.root,
      client: this.client,
      table: this.table,
      status: this.status,
      model: () => this.model,
      filterToEventLabel: (label) => this.filterToEventLabel(label),
    });
    this.explain = new ExplainController({ root: this.root, client: this.client, table: this.table, onLayoutChange: () => this.applyRows() });
    document.addEventListener('keydown', (event) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'f' && !this.dataScreen.hidden) {
        event.preventDefault();
        this.filterText.focus();
      }
    });
    this.stateArea.append(h('section', { className: 'state-view' }, h('vscode-progress-ring')));
    this.filterText.addEventListener('input', () => this.filter({ filterText: this.filterText.value ?? '' }));
    clearFilterOnEscape(this.filterText, () => this.filter({ filterText: '' }), () => this.table.element.focus());
    this.eventFilter.addEventListener('change', () => this.filter({ eventLabel: this.eventFilter.value ?? '' }));
    this.flaggedOnly.addEventListener('change', () => this.filter({ flaggedOnly: this.flaggedOnly.checked }));
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

  /** The one dispatcher of the extension's messages: one handler per kind. */
  private onMessage(message: Push): void {
    switch (message.type) {
      case 'state':
        return this.onState(message);
      case 'comparison':
        return this.showComparison(message.comparison);
    }
  }

  private onState(message: StateMessage): void {
    this.client.saveLookup(message.lookup);
    const hadData = this.data !== undefined;
    const change = receiveState(this.state, message);
    this.state = change.state;
    const rowsAdded = this.takeRows(change.rows, change.targetProgressChanged);
    const lagWarningChanged = this.table.setLagWarningSeconds(message.lagWarningSeconds);
    const data = this.data;
    if (!rowsAdded && change.targetProgressChanged && data) this.buildModel(data);
    if (!rowsAdded && (change.targetProgressChanged || lagWarningChanged || change.explanationChanged) && data) this.applyRows();
    if (!data) {
      this.showStateScreen(message.lookup, message.fetch);
      return;
    }
    const newSet = change.rows.kind === 'reset';
    const growing = !data.complete && message.fetch.phase === 'loading';
    if (growing && hadData && !newSet) this.scheduleGrowingPaint();
    else this.paintData(newSet || !hadData);
  }

  /** Takes in the rows of the stream and tells the extension what is held now; returns whether rows were added. */
  private takeRows(rows: RowsReceived, targetProgressChanged: boolean): boolean {
    switch (rows.kind) {
      case 'unchanged':
        return false;
      case 'gap':
        if (this.state.rowsHeld) this.client.post({ type: 'rowsMissing', ...this.state.rowsHeld });
        else this.client.post({ type: 'ready' });
        return false;
      case 'reset':
        this.client.post({ type: 'rowsHeld', ...rows.held });
        return this.resetRows(rows.events, rows.periods);
      case 'appended':
        this.client.post({ type: 'rowsHeld', ...rows.held });
        return this.appendRows(rows.events, rows.periods, targetProgressChanged);
    }
  }

  /** The events on screen: what is said of the rows held, with their groups. */
  private get data(): TableData | undefined {
    const { info } = this.state;
    return info && this.rowGroups ? { ...info, groups: this.rowGroups.groups } : undefined;
  }

  /** A new generation of rows replaces those held (none: no events to show). */
  private resetRows(events: readonly TrackedTargetEvent[], periods: readonly PeriodSummary[]): boolean {
    this.rowGroups = this.state.info ? new RowGroups().add(events, periods) : undefined;
    const data = this.data;
    if (data) this.setData(data);
    return data !== undefined;
  }

  /**
   * Rows that follow those held (a fetch's pages as they arrive, or the rest of them once complete): filed under
   * their periods, taken in by the model in O(new rows). None: the same rows, told again with what is said of them
   * (fetch time, warnings). Returns whether rows were added.
   */
  private appendRows(events: readonly TrackedTargetEvent[], periods: readonly PeriodSummary[], targetProgressChanged: boolean): boolean {
    const rowGroups = this.rowGroups;
    const data = this.data;
    if (!rowGroups || !data || events.length === 0) return false;
    rowGroups.add(events, periods);
    const model = this.model;
    if (!targetProgressChanged && model && this.modelFollowsRows) {
      this.markers = markersOf(data);
      model.takeNewEvents();
      model.buildSearchIndexWhenIdle();
    } else this.setData(data);
    return true;
  }

  /** The notices for the events on screen and the latest fetch, and the rows: `firstPaint` shows the table screen. */
  private paintData(firstPaint: boolean): void {
    window.clearTimeout(this.growingPaintTimer);
    this.growingPaintTimer = undefined;
    this.lastGrowingPaint = performance.now();
    const data = this.data;
    if (!data) return;
    const fetch = this.state.fetch;
    this.table.setPartial(!data.complete && fetch.phase === 'loading');
    const banner = fetchBanner(fetch, data, { onRetry: this.refresh, onCancel: this.cancel, onSetCredentials: this.setCredentials });
    const notices = [summaryLine(data, this.model?.groups.length ?? data.groups.length), banner, targetProgressNotice(this.state.targetProgress, this.refresh), this.explain.notice(this.state.explanation), warningsList(data.warnings), removedList(data.changes)];
    replaceNotices(this.notices, notices.filter((notice): notice is HTMLElement => notice !== null));
    if (firstPaint) this.showDataScreen();
    else if (!this.covers(this.laidOut)) this.applyRows();
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

  /** No events to show: the loading, error, empty or cancelled screen. */
  private showStateScreen(lookup: LookupInfo, fetch: FetchInfo): void {
    switch (fetch.phase) {
      case 'idle':
      case 'done':
      case 'loading':
        this.showLoading(loadingView(lookup, fetch.phase === 'loading' ? fetch.fetchProgress : undefined, this.cancel));
        return;
      case 'cancelled':
        this.showState(cancelledView(lookup, this.refresh));
        return;
      case 'failed':
        this.showState(
          fetch.error.code === NO_EVENTS_CODE ? this.explain.withBills(noEventsView(lookup, fetch.error, this.refresh), this.state.explanation) : errorView(lookup, fetch.error, { onRetry: this.refresh, onSetCredentials: this.setCredentials }),
        );
        return;
    }
  }

  /**
   * Fetch progress arrives with every page: only the progress line of a loading view already on screen changes, so
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
    this.markers = markersOf(data);
    const added = data.changes?.addedIds.length ?? 0;
    this.title.textContent = added > 0 ? `${lookupTitle(data.lookup)} · ${formatCount(added)} new` : lookupTitle(data.lookup);
    this.buildModel(data);
  }

  /** The listed periods (the target's calendar when its progress is known), their events and reconciliation. */
  private buildModel(data: TableData): void {
    const targetProgress = this.state.targetProgress;
    const reconciliation = targetProgress.status === 'ok' ? targetProgress.reconciliation : undefined;
    const listed = listedPeriods(data.groups, reconciliation, data.lookup);
    // Without target progress the listed periods are the groups themselves: the live list that grows with added rows.
    const model = new TableModel(reconciliation ? listed.map(({ group }) => group) : data.groups, reconciliation?.flags, reconciliation !== undefined);
    this.model = model;
    this.modelNumber++;
    this.modelFollowsRows = reconciliation === undefined;
    replaceChart(this.chartArea, listed, (groupIndex) => this.jumpToGroup(groupIndex));
    this.table.setPeriods(listed.map(({ period }) => period));
    this.refreshModelViews(model);
  }

  /** What follows the model's periods and events: period IDs, the flagged count and the event filter. */
  private refreshModelViews(model: TableModel): void {
    this.viewsFrom = { model: this.modelNumber, events: model.events.length };
    this.periodIds = model.groups.map((group) => group.periodId);
    const flagged = model.flaggedCount;
    this.flaggedLabel.textContent = `Only flagged events (${formatCount(flagged)})`;
    this.flaggedOnly.disabled = flagged === 0 && !this.state.view.flaggedOnly;
    this.fillEventFilter(model);
  }

  /** Shows a period's header (expanding it), e.g. from the chart. */
  private jumpToGroup(groupIndex: number): void {
    this.setView(setCollapsed(this.state.view, this.periodIds[groupIndex], false));
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
      const element = button(action.label, () => void this.rowActions.runAction(action, element));
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
    if (!labels.some(({ label }) => label === this.state.view.eventLabel)) this.setView({ ...this.state.view, eventLabel: '' });
    const option = (value: string, label: string) => {
      // The dropdown cuts long names short: the title shows them whole.
      const element = h('vscode-option', { attrs: { value, title: label } }, label);
      if (value === this.state.view.eventLabel) element.setAttribute('selected', '');
      return element;
    };
    this.eventFilter.replaceChildren(
      option('', 'All events'),
      ...labels.map(({ label, count }) => option(label, `${label} (${formatCount(count)})`)),
    );
  }

  /** Whether a view was made from the current model as it is now. */
  private covers(extent: ModelExtent | undefined): boolean {
    return extent?.model === this.modelNumber && extent.events === this.model?.events.length;
  }

  private setView(view: ViewSettings): void {
    this.state = { ...this.state, view };
  }

  /** A filter changed: the rows that match, from the top. */
  private filter(change: Partial<Pick<ViewSettings, 'filterText' | 'eventLabel' | 'flaggedOnly'>>): void {
    this.setView({ ...this.state.view, ...change });
    this.applyRows();
    this.table.scrollToStart();
  }

  private applyRows(): void {
    const model = this.model;
    if (!model) return;
    if (!this.covers(this.viewsFrom)) this.refreshModelViews(model);
    this.laidOut = { model: this.modelNumber, events: model.events.length };
    const view = this.state.view;
    const result = this.explain.layout(model, model.rows(viewOptions(view, this.periodIds)), view, this.state.explanation);
    this.table.setRows(model, result, view.sort, isFiltering(view));
    this.matchCount.textContent = isFiltering(view)
      ? `${formatCount(result.matchingEvents)} of ${formatCount(model.events.length)} events match`
      : '';
  }

  private toggleGroup(groupIndex: number, expand?: boolean): void {
    const periodId = this.periodIds[groupIndex];
    const collapse = expand === undefined ? !this.state.view.collapsedPeriods.has(periodId) : !expand;
    this.setView(setCollapsed(this.state.view, periodId, collapse));
    this.applyRows();
  }

  private setAllCollapsed(collapsed: boolean): void {
    this.setView(setAllCollapsed(this.state.view, this.periodIds, collapsed));
    this.applyRows();
  }

  private filterToEventLabel(label: string): void {
    this.eventFilter.value = label;
    this.filter({ eventLabel: label });
  }
}
