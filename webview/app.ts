// The table app: turns the extension's messages into screens and the user's actions into messages.
import type { ErrorInfo, ExtensionToWebview, LookupInfo, TableData } from '../src/shared/messages';
import { h } from './dom';
import { formatCount } from './format';
import { ExtensionClient, RequestMessage } from './messaging';
import { TableModel } from './model';
import { TableViewState } from './state';
import { VirtualTable } from './virtualTable';
import {
  button,
  errorBanner,
  errorView,
  loadingView,
  lookupTitle,
  NO_EVENTS_CODE,
  noEventsView,
  partialBanner,
  summaryLine,
  warningsList,
} from './views';

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

type Push = Exclude<ExtensionToWebview, { type: 'reply' }>;

export class App {
  private readonly client: ExtensionClient;
  private readonly viewState = new TableViewState();
  private model?: TableModel;
  private periodIds: string[] = [];
  private table?: VirtualTable;
  private matchCount?: HTMLElement;
  private loadingView?: HTMLElement;
  private readonly status = h('p', { className: 'status', attrs: { role: 'status', 'aria-live': 'polite' } });
  private statusTimer?: number;

  constructor(private readonly root: HTMLElement) {
    this.client = new ExtensionClient((message) => this.onMessage(message));
    this.root.replaceChildren(h('section', { className: 'state-view' }, h('vscode-progress-ring')));
  }

  start(): void {
    this.client.post({ type: 'ready' });
  }

  private onMessage(message: Push): void {
    switch (message.type) {
      case 'loading':
        this.client.saveState({ lookup: message.lookup });
        this.showLoading(loadingView(message.lookup, message.progress, () => this.client.post({ type: 'cancel' })));
        break;
      case 'data':
        this.client.saveState({ lookup: message.data.lookup });
        this.showData(message.data);
        break;
      case 'error':
        this.showError(message.lookup, message.error, message.partial);
        break;
    }
  }

  /**
   * Progress arrives with every page: only the progress line of a loading view already on screen changes, so
   * that its Cancel button stays put under the pointer.
   */
  private showLoading(view: HTMLElement): void {
    const shownText = this.loadingView?.isConnected ? this.loadingView.querySelector('.progress-text') : null;
    const newText = view.querySelector('.progress-text');
    if (shownText && newText) {
      shownText.textContent = newText.textContent;
      return;
    }
    this.show(view);
    this.loadingView = view;
  }

  private show(...children: Array<HTMLElement | null>): void {
    this.table = undefined;
    this.matchCount = undefined;
    this.loadingView = undefined;
    this.root.replaceChildren(...children.filter((child): child is HTMLElement => child !== null));
  }

  private refresh = (): void => this.client.post({ type: 'refresh' });

  private showError(lookup: LookupInfo, error: ErrorInfo, partial: TableData | undefined): void {
    if (partial) {
      // A cancel the user asked for is not an error: the partial banner says enough.
      this.showData(partial, error.kind === 'cancelled' ? undefined : errorBanner(error, this.refresh));
      return;
    }
    this.show(error.code === NO_EVENTS_CODE ? noEventsView(lookup, error, this.refresh) : errorView(lookup, error, this.refresh));
  }

  private showData(data: TableData, errorLine?: HTMLElement): void {
    const model = new TableModel(data.groups);
    this.model = model;
    this.periodIds = data.groups.map((group) => group.periodId);
    const table = new VirtualTable({
      onToggleGroup: (groupIndex, expand) => this.toggleGroup(groupIndex, expand),
      onSort: (column) => {
        this.viewState.toggleSort(column);
        this.applyRows();
      },
      isCollapsed: (groupIndex) => this.viewState.isCollapsed(this.periodIds[groupIndex]),
    });
    const matchCount = h('span', { className: 'match-count', attrs: { 'aria-live': 'polite' } });
    this.show(
      this.toolbar(data.lookup),
      summaryLine(data),
      errorLine ?? null,
      partialBanner(data),
      warningsList(data.warnings),
      this.filterBar(model, matchCount),
      this.status,
      table.element,
    );
    this.table = table;
    this.matchCount = matchCount;
    this.applyRows();
    model.buildSearchIndexWhenIdle();
  }

  private toolbar(lookup: LookupInfo): HTMLElement {
    const buttons = actions.map((action) => {
      const element = button(action.label, () => void this.runAction(action, element));
      return element;
    });
    return h(
      'header',
      { className: 'toolbar' },
      h('h1', { className: 'title' }, lookupTitle(lookup)),
      h('div', { className: 'actions' }, button('Refresh', this.refresh, 'primary'), ...buttons),
    );
  }

  private filterBar(model: TableModel, matchCount: HTMLElement): HTMLElement {
    const text = h('vscode-text-field', {
      className: 'filter-text',
      attrs: { placeholder: 'Filter by any field', 'aria-label': 'Filter events by any field' },
    }) as HTMLElement & { value: string };
    text.setAttribute('value', this.viewState.filterText);
    text.addEventListener('input', () => {
      this.viewState.filterText = text.value ?? '';
      this.applyRows();
    });

    const dropdown = h('vscode-dropdown', {
      className: 'filter-event',
      attrs: { 'aria-label': 'Filter by event' },
    }) as HTMLElement & { value: string };
    const labels = model.eventLabels().slice(0, MAX_EVENT_LABEL_OPTIONS);
    if (!labels.some(({ label }) => label === this.viewState.eventLabel)) this.viewState.eventLabel = '';
    const option = (value: string, label: string) => {
      const element = h('vscode-option', { attrs: { value } }, label);
      if (value === this.viewState.eventLabel) element.setAttribute('selected', '');
      return element;
    };
    dropdown.append(
      option('', 'All events'),
      ...labels.map(({ label, count }) => option(label, `${label} (${formatCount(count)})`)),
    );
    dropdown.addEventListener('change', () => {
      this.viewState.eventLabel = dropdown.value ?? '';
      this.applyRows();
    });

    const expandAll = button('Expand all', () => this.setAllCollapsed(false));
    const collapseAll = button('Collapse all', () => this.setAllCollapsed(true));
    return h('div', { className: 'filters' }, text, dropdown, matchCount, h('span', { className: 'spacer' }), expandAll, collapseAll);
  }

  private applyRows(): void {
    const { model, table } = this;
    if (!model || !table) return;
    const result = model.rows(this.viewState.viewOptions(this.periodIds));
    table.setRows(model, result, this.viewState.sort, this.viewState.filtering);
    if (this.matchCount) {
      this.matchCount.textContent = this.viewState.filtering
        ? `${formatCount(result.matchingEvents)} of ${formatCount(model.events.length)} events match`
        : '';
    }
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
