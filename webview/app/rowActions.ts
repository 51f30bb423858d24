// What the user does with rows and the toolbar's requests: the details dialog, the row menu, copying (the
// extension writes the clipboard), and the status line that tells how each request went.
import { eventsToJson, eventsToTsv, eventToJson } from '../../src/shared/exportFormat';
import { processingLagSeconds } from '../../src/shared/rules';
import { flagLabels } from '../../src/shared/targetProgressText';
import { ContextMenu } from '../views/contextMenu';
import { detailFields, detailsDialog } from '../views/details';
import { formatCount, formatDecimalText, formatLag } from '../../src/shared/display';
import type { TableModel } from '../table/model';
import type { VirtualTable } from '../table/virtualTable';
import type { ExtensionClient, RequestMessage } from './messaging';

/** How long a reply's status line stays up. */
const STATUS_MILLIS = 8000;

export interface Action {
  label: string;
  request: RequestMessage;
  done: string;
}

export const actions: readonly Action[] = [
  { label: 'Export CSV', request: { type: 'export', format: 'csv' }, done: 'Exported CSV' },
  { label: 'Export JSON', request: { type: 'export', format: 'json' }, done: 'Exported JSON' },
  { label: 'Copy as cURL', request: { type: 'copyCurl' }, done: 'Copied the cURL command' },
  { label: 'Open raw JSON', request: { type: 'openRawJson' }, done: 'Opened the raw JSON' },
];

export interface RowActionsContext {
  root: HTMLElement;
  client: ExtensionClient;
  table: VirtualTable;
  status: HTMLElement;
  model: () => TableModel | undefined;
  filterToEventLabel: (label: string) => void;
}

export class RowActions {
  private readonly contextMenu: ContextMenu;
  private statusTimer?: number;
  /** The open details dialog and the element to give the keyboard back to when it closes. */
  private details?: { dialog: HTMLElement; returnFocus: HTMLElement | null };

  constructor(private readonly context: RowActionsContext) {
    this.contextMenu = new ContextMenu(context.root);
  }

  /** Every field of an event, each copyable, over the table until Escape or Close. */
  openDetails(eventIndex: number): void {
    const model = this.context.model()!;
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
    this.context.root.append(dialog);
    dialog.focus();
  }

  private closeDetails(): void {
    if (!this.details) return;
    const { dialog, returnFocus } = this.details;
    this.details = undefined;
    dialog.remove();
    if (returnFocus?.isConnected) returnFocus.focus({ preventScroll: true });
  }

  openRowMenu(eventIndex: number, x: number, y: number): void {
    const model = this.context.model()!;
    const event = model.events[eventIndex];
    const selected = this.context.table.selectedEvents();
    const several = selected.length > 1 && selected.includes(eventIndex);
    const rows = several ? `${formatCount(selected.length)} rows` : 'row';
    this.contextMenu.open(
      [
        { label: `Copy ${rows} as JSON`, run: () => (several ? this.copySelection('json') : void this.copy(eventToJson(event), 'Copied the row as JSON')) },
        { label: `Copy ${rows} as TSV`, run: () => (several ? this.copySelection('tsv') : void this.copy(eventsToTsv([event]), 'Copied the row as TSV')) },
        { label: 'Copy eventLogId', run: () => void this.copy(event.eventLogId, `Copied eventLogId ${event.eventLogId}`) },
        { label: 'Copy uniqueId', run: () => void this.copy(event.uniqueId, `Copied uniqueId ${event.uniqueId}`) },
        { label: 'Filter to this event name', run: () => this.context.filterToEventLabel(model.labels[eventIndex]) },
      ],
      x,
      y,
    );
  }

  /** The selected event rows, as TSV (Ctrl/Cmd+C) or JSON (the row menu), with exact values. */
  copySelection(format: 'tsv' | 'json'): void {
    const model = this.context.model();
    const events = model ? this.context.table.selectedEvents().map((eventIndex) => model.events[eventIndex]) : [];
    if (events.length === 0) {
      this.setStatus('Select event rows to copy them', false);
      return;
    }
    const rows = events.length === 1 ? 'row' : `${formatCount(events.length)} rows`;
    const text = format === 'tsv' ? eventsToTsv(events) : events.length === 1 ? eventToJson(events[0]) : eventsToJson(events);
    void this.copy(text, `Copied ${rows} as ${format.toUpperCase()}`);
  }

  /** The extension writes the clipboard: a webview's navigator.clipboard may be refused. */
  private async copy(text: string, done: string): Promise<void> {
    const reply = await this.context.client.request({ type: 'copy', text });
    this.setStatus(reply.ok ? done : `Copy failed: ${reply.message || 'no reason given'}`, !reply.ok);
  }

  async runAction(action: Action, element: HTMLElement): Promise<void> {
    element.setAttribute('disabled', '');
    try {
      const reply = await this.context.client.request(action.request);
      this.setStatus(reply.ok ? reply.message || action.done : `${action.label} failed: ${reply.message || 'no reason given'}`, !reply.ok);
    } finally {
      element.removeAttribute('disabled');
    }
  }

  private setStatus(text: string, isError: boolean): void {
    this.context.status.textContent = text;
    this.context.status.classList.toggle('error', isError);
    window.clearTimeout(this.statusTimer);
    this.statusTimer = window.setTimeout(() => {
      this.context.status.textContent = '';
    }, STATUS_MILLIS);
  }
}
